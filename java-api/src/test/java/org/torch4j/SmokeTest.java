package org.torch4j;

import static org.junit.jupiter.api.Assertions.*;
import static org.torch4j.Torch.*;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void basics() {
        Tensor x = empty(2, 5);
        assertEquals("torch.Size([2, 5])", x.size().toString());
        x.fill_(1.125);
        assertEquals("tensor([[1.1250, 1.1250, 1.1250, 1.1250, 1.1250],\n        [1.1250, 1.1250, 1.1250, 1.1250, 1.1250]])", x.toString());
        assertEquals("tensor(1.1250)", x.mean().toString());
        assertEquals("tensor(0.)", x.std().toString());
        assertEquals("tensor(11.2500)", x.sum().toString());
        assertEquals(11.25, x.sum().item().doubleValue());
        Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
        Tensor u = tensor(10f, 20f).requiresGrad_();
        Tensor a = t.pow(2).sum().add(u.log().sum());
        Tensor[] g = Autograd.grad(a, t, u);
        assertEquals("tensor([2., 4., 8.])", g[0].toString());
        assertEquals("tensor([0.1000, 0.0500])", g[1].toString());
        System.out.println(a);
        System.out.println(arange(2000).view(2, 1000));
        System.out.println(randn(3, 4).mul(1e-5));
    }
}
