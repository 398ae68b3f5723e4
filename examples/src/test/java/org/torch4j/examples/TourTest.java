package org.torch4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** README's tour runs as written and prints what README says it prints. */
class TourTest {
    @Test
    void tourPrintsWhatReadmeShows() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Tour.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String expected = String.join("\n",
                "torch.Size([2, 5])",
                "tensor(1.1250) tensor(0.)",
                "11.25",
                "tensor([[3, 0],",
                "        [4, 6]])",
                "tensor([1, 2, 3, 4, 0, 6])",
                "tensor([2., 4., 8.]) tensor([0.1000, 0.0500])",
                "true",
                "LectureNet(",
                "  (conv1): Conv2d(1, 32, kernel_size=(5, 5), stride=(1, 1))",
                "  (conv2): Conv2d(32, 64, kernel_size=(5, 5), stride=(1, 1))",
                "  (fc1): Linear(in_features=256, out_features=200, bias=True)",
                "  (fc2): Linear(in_features=200, out_features=10, bias=True)",
                ")",
                "torch.Size([2, 10])",
                "0",
                "");
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }
}
