package com.example;

import static org.torch4j.Torch.*;

import org.torch4j.Autograd;
import org.torch4j.Tensor;

/** A few tensor and autograd lines, run by the build: exits non-zero if a value is wrong. */
public class DropIn {
    public static void main(String[] args) {
        Tensor x = empty(2, 5).fill_(1.125);
        System.out.println(x.size());
        System.out.println(x.sum());
        check("sum", x.sum().itemDouble(), 11.25);

        Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
        Tensor u = tensor(10f, 20f).requiresGrad_();
        Tensor[] g = Autograd.grad(t.pow(2).sum().add(u.log().sum()), t, u);
        System.out.println(g[0] + " " + g[1]);
        check("dt", g[0].toFloatArray()[2], 8.0);
        check("du", g[1].toFloatArray()[0], 0.1);
        System.out.println("torch4j drop-in OK, LibTorch " + version());
    }

    private static void check(String what, double got, double expected) {
        if (Math.abs(got - expected) > 1e-6) {
            System.err.println(what + ": expected " + expected + " but got " + got);
            System.exit(1);
        }
    }
}
