using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth1;

/// <summary>
/// The default nonce takes its random bytes from a per-thread block: every nonce still has 32 alphanumeric letters, no
/// two are alike (across blocks and threads), and the letters come out evenly (the bytes past the last whole alphabet are
/// skipped, not folded onto the first letters).
/// </summary>
public class OAuth1NonceTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    [Fact]
    public async Task Nonces_are_32_alphanumeric_letters_and_never_repeat_across_blocks_and_threads()
    {
        // 4 threads × 2000 nonces: each thread refills its block dozens of times.
        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 2000).Select(_ => OAuth1Nonce.Create()).ToList())));
        var all = perThread.SelectMany(n => n).ToList();

        Assert.All(all, nonce => Assert.Matches("^[A-Za-z0-9]{32}$", nonce));
        Assert.Equal(all.Count, new HashSet<string>(all, StringComparer.Ordinal).Count);
    }

    [Fact]
    public void Letters_are_evenly_distributed()
    {
        var counts = new int[128];
        const int Nonces = 20_000; // 640,000 letters, about 10,300 of each
        for (var i = 0; i < Nonces; i++)
        {
            foreach (var c in OAuth1Nonce.Create()) counts[c]++;
        }
        var expected = Nonces * OAuth1Nonce.Length / (double)Alphabet.Length;
        // A modulo bias (bytes 248-255 folded onto 'A'..'H') would give those eight letters 5 byte values to the others' 4,
        // 25 % more; chance alone moves a letter by about 1 % (one standard deviation), so ±5 % fails the bias, not a fair draw.
        var chiSquare = Alphabet.Sum(c => Math.Pow(counts[c] - expected, 2) / expected);
        Assert.All(Alphabet, c => Assert.InRange(counts[c], expected * 0.95, expected * 1.05));
        // 61 degrees of freedom: a fair draw scores 61 ± 11 (above 130 about once in a million runs); the bias above scores thousands.
        Assert.InRange(chiSquare, 0, 130);
        Assert.Equal(Nonces * OAuth1Nonce.Length, Alphabet.Sum(c => counts[c]));
    }
}
