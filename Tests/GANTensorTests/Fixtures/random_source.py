"""Writes random_source.json: the first draws of GANKit's RandomSource for a few seeds,
computed by an independent transcription of the published algorithms.

- SplitMix64 (Steele, Lea & Flood 2014) expands the seed into the four state words (for seed
  0 they are the published first outputs 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, ...);
- xoshiro256** 1.0 (Blackman & Vigna 2018, reference C at prng.di.unimi.it) gives 64-bit draws;
- uniform(): top 24 bits · 2^-24; uniformDouble(): top 53 bits · 2^-53;
- normal(): Box-Muller in double with u1 = 1 - uniformDouble(), u2 = uniformDouble(), giving
  r·cos θ then the spare r·sin θ, rounded to float32 (Python's math calls the same libm);
- integer(in: 0..<n): Lemire's nearly divisionless method, as Swift's stdlib next(upperBound:).

Each list starts from a fresh source. Run from this folder: python3 random_source.py.
64-bit values are written as decimal strings (JSON numbers lose precision above 2^53).
"""
import json
import math
import struct

MASK = (1 << 64) - 1


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


class Source:
    def __init__(self, seed):
        sm = seed

        def split_mix():
            nonlocal sm
            sm = (sm + 0x9E3779B97F4A7C15) & MASK
            z = sm
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            return z ^ (z >> 31)

        self.s = [split_mix() for _ in range(4)]
        self.spare = None

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return f32((self.next() >> 40) * 2.0**-24)

    def uniform_double(self):
        return (self.next() >> 11) * 2.0**-53

    def normal(self):
        if self.spare is not None:
            spare, self.spare = self.spare, None
            return f32(spare)
        u1 = 1 - self.uniform_double()
        u2 = self.uniform_double()
        r = math.sqrt(-2 * math.log(u1))
        theta = 2 * math.pi * u2
        self.spare = r * math.sin(theta)
        return f32(r * math.cos(theta))

    def integer(self, n):
        random = self.next()
        m = random * n
        if m & MASK < n:
            t = ((1 << 64) - n) % n
            while m & MASK < t:
                random = self.next()
                m = random * n
        return m >> 64


cases = []
for seed in [0, 42, 2**64 - 1]:
    cases.append({
        "seed": str(seed),
        "next": [str(v) for v in (lambda s: [s.next() for _ in range(6)])(Source(seed))],
        "uniform": (lambda s: [s.uniform() for _ in range(6)])(Source(seed)),
        "uniformDouble": (lambda s: [s.uniform_double() for _ in range(4)])(Source(seed)),
        "normal": (lambda s: [s.normal() for _ in range(7)])(Source(seed)),
        "integerBelow10": (lambda s: [s.integer(10) for _ in range(12)])(Source(seed)),
        "integerBelow3000000000": (lambda s: [s.integer(3_000_000_000) for _ in range(6)])(Source(seed)),
    })
with open("random_source.json", "w") as f:
    json.dump({"generator": "random_source.py", "cases": cases}, f, indent=1)
    f.write("\n")
