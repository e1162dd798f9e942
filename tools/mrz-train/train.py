"""Train the learned MRZ character recogniser and write its weights for the Rust reader.

    python train.py TRAIN.bin HELDOUT.bin OUT_WEIGHTS.bin REPORT.md

TRAIN.bin and HELDOUT.bin come from `mrz-glyphs` (two seeds: the held-out cells are rendered
from lines the training never saw). The network's shape and the weights file's format are those
of crates/scan/src/mrz/net.rs; the file ends with one held-out cell and the logits computed
here, which the Rust test compares with its own inference. CPU only, fixed seeds; on two cores
a run takes a few minutes. scripts/train-mrz.sh runs the whole pipeline.
"""

import struct
import sys
import time

import numpy as np
import torch
from torch import nn

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
CLASSES = 38  # the alphabet and "not a character"
C1, C2, F = 8, 16, 64
H, W = 24, 16


def load(path):
    b = open(path, "rb").read()
    if b[:4] != b"MRZG" or b[4] != 1 or b[5] != W or b[6] != H:
        sys.exit(f"{path}: not a cell file of version 1 with {W}x{H} cells")
    d = np.frombuffer(b[7:], dtype=np.uint8).reshape(-1, 1 + H * W)
    x = torch.from_numpy(d[:, 1:].astype(np.float32) / 255.0).reshape(-1, 1, H, W)
    y = torch.from_numpy(d[:, 0].astype(np.int64))
    return x, y


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, C1, 3, padding=1)
        self.conv2 = nn.Conv2d(C1, C2, 3, padding=1)
        self.fc1 = nn.Linear(C2 * (H // 4) * (W // 4), F)
        self.fc2 = nn.Linear(F, CLASSES)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


def main():
    train_path, held_path, out_path, report_path = sys.argv[1:5]
    epochs = int(sys.argv[5]) if len(sys.argv) > 5 else 12
    torch.manual_seed(20261203)
    torch.set_num_threads(2)
    x, y = load(train_path)
    hx, hy = load(held_path)
    net = Net()
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = epochs * ((len(x) + 255) // 256)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.02)
    t0 = time.time()
    for epoch in range(epochs):
        net.train()
        perm = torch.randperm(len(x))
        total = 0.0
        for i in range(0, len(x), 256):
            idx = perm[i : i + 256]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        err = error_rate(net, hx, hy)
        print(f"epoch {epoch + 1}/{epochs}: loss {total / len(x):.4f}, held-out error {err:.4%} ({time.time() - t0:.0f} s)", flush=True)
    write_weights(net, hx, out_path)
    write_report(net, hx, hy, len(x), epochs, time.time() - t0, report_path)


def predict(net, x):
    net.eval()
    with torch.no_grad():
        return torch.cat([net(x[i : i + 4096]).argmax(1) for i in range(0, len(x), 4096)])


def error_rate(net, x, y):
    return (predict(net, x) != y).float().mean().item()


def write_weights(net, hx, path):
    out = bytearray(b"MRZN" + bytes([1]) + struct.pack("<HHH", C1, C2, F))
    for t in [net.conv1.weight, net.conv1.bias, net.conv2.weight, net.conv2.bias,
              net.fc1.weight, net.fc1.bias, net.fc2.weight, net.fc2.bias]:
        out += t.detach().numpy().astype("<f4").tobytes()
    cell = hx[0:1]
    net.eval()
    with torch.no_grad():
        logits = net(cell)[0]
    out += cell.numpy().astype("<f4").tobytes() + logits.numpy().astype("<f4").tobytes()
    open(path, "wb").write(bytes(out))
    print(f"{path}: {len(out)} bytes, {sum(p.numel() for p in net.parameters())} weights")


def write_report(net, hx, hy, n_train, epochs, seconds, path):
    pred = predict(net, hx)
    labels = ALPHABET + "#"
    conf = np.zeros((CLASSES, CLASSES), dtype=np.int64)
    for t, p in zip(hy.numpy(), pred.numpy()):
        conf[t, p] += 1
    errors = int(conf.sum() - np.trace(conf))
    pairs = sorted(((conf[t, p], labels[t], labels[p]) for t in range(CLASSES) for p in range(CLASSES) if t != p and conf[t, p]), reverse=True)
    lines = [
        f"Trained on {n_train} cells for {epochs} epochs in {seconds:.0f} s (CPU, torch {torch.__version__}).",
        f"Held-out cells: {len(hy)} (another seed: lines never rendered for training), "
        f"{errors} misread ({errors / len(hy):.2%}).",
        "",
        "Most frequent confusions on the held-out cells (true → read, count; `#` is not a character):",
        "",
        "| true | read | cells |",
        "|---|---|---|",
    ]
    lines += [f"| `{t}` | `{p}` | {c} |" for c, t, p in pairs[:15]]
    lines += ["", "Per class: held-out cells and error rate:", "", "| class | cells | error |", "|---|---|---|"]
    for k in range(CLASSES):
        n = conf[k].sum()
        if n:
            lines.append(f"| `{labels[k]}` | {n} | {(n - conf[k, k]) / n:.2%} |")
    open(path, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines[:12]))


if __name__ == "__main__":
    main()
