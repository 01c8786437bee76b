/* Deterministic mutation fuzzing of the parsers and the device layer: seeds are
 * well-formed responses; each round flips bytes, rewrites length fields with
 * extreme values and truncates. Fixed PRNG seed: reproducible, a few seconds. */
#include "check.h"
#include "fuzz_mmc_body.h"

static uint32_t rng = 0x12345678u;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static const uint8_t seed_config[24] = {
    0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x1A, 0x00, 0x00, 0x03, 0x0C,
    0x00, 0x1A, 0x01, 0x00, 0x00, 0x1B, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00 };
static const uint8_t seed_mode[48] = {
    0x00, 0x2E, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x2A, 0x26, 0x3B, 0x37, 0xC0, 0x00, 0x29, 0x00, 0x1B, 0x90, 0x01, 0x00, 0x08, 0x00, 0x1B, 0x90,
    0x00, 0x00, 0x1B, 0x90, 0x0D, 0xC8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0D, 0xC8, 0x00, 0x02,
    0x00, 0x00, 0x1B, 0x90, 0x00, 0x01, 0x0D, 0xC8 };
static const uint8_t seed_toc[28] = {
    0x00, 0x1A, 0x01, 0x02, 0x00, 0x14, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,
    0x00, 0x10, 0x02, 0x00, 0x00, 0x04, 0x1C, 0x32, 0x00, 0x14, 0xAA, 0x00, 0x00, 0x0E, 0x23, 0x3D };
static const uint8_t seed_perf[24] = {
    0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x2B, 0x48, 0x00, 0x00, 0x2B, 0x48 };

int main(void)
{
    static const struct { const uint8_t *p; size_t n; } seeds[] = {
        { seed_config, sizeof(seed_config) }, { seed_mode, sizeof(seed_mode) },
        { seed_toc, sizeof(seed_toc) }, { seed_perf, sizeof(seed_perf) } };
    uint8_t buf[256];
    unsigned round;

    for (round = 0; round < 100000; round++)
    {
        size_t s = round % 4, n = seeds[s].n, i, flips;

        memcpy(buf, seeds[s].p, n);
        /* glue a second seed on for multi-command device runs */
        if (round & 1)
        {
            size_t s2 = (s + 1) % 4;
            memcpy(buf + n, seeds[s2].p, seeds[s2].n);
            n += seeds[s2].n;
        }
        flips = 1 + next_rand() % 4;
        for (i = 0; i < flips; i++)
        {
            uint32_t r = next_rand();
            size_t at = r % n;
            switch ((r >> 16) % 4)
            {
            case 0: buf[at] = (uint8_t)(r >> 8); break;
            case 1: buf[at] = 0xFF; break;
            case 2: buf[at] = 0x00; break;
            default: buf[at] ^= (uint8_t)(1u << ((r >> 8) % 8)); break;
            }
        }
        if (next_rand() % 3 == 0)
            n = next_rand() % (n + 1);
        fuzz_one(buf, n);
    }
    CHECK(1);   /* reaching here without ASan/UBSan reports is the test */
    return check_finish("test_mmc_fuzz");
}
