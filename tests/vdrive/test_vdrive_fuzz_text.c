/* Deterministic mutation fuzzing of the recorder's state.txt and config.txt parsers (see
 * fuzz_vdrive_body.h): seeds are real files of recorders in several states; each round
 * flips bytes, swaps numbers for extreme ones, drops, doubles or truncates lines. Fixed
 * PRNG seed and round count: reproducible, a few seconds under ASan/UBSan. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include "check.h"
#include "vd_test_util.h"
#include "fuzz_vdrive_body.h"

#define ROUNDS 40000

static uint32_t rng = 0x2468ACEu;
static uint32_t next_rand(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static char *seeds[8];
static unsigned nseeds;

static void keep(const char *name)
{
    char path[1200], *text;
    snprintf(path, sizeof(path), "%s/%s", vt_dir, name);
    if (nseeds < 8 && !core_file_read_all(path, &text, NULL)) seeds[nseeds++] = text;
}

static void make_seeds(void)
{
    vdrive *vd;
    uint8_t c[10] = { 0x53 }, data[8 * 2048] = { 0 };
    vdrive_config cfg;

    vdrive_config_default(&cfg);
    cfg.nfaults = 1;
    vdrive_fault_parse("op=28 lba=5-9 sense=03/11/00", &cfg.faults[0]);
    vt_fresh_dir("fuzz_text_seed", &cfg);
    keep("config.txt");
    vdrive_open(vt_dir, &vd);
    vdrive_insert_blank(vd, 0x0011);
    vt_put32(c + 5, 64);
    vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0);
    vt_write10(vd, 64, 8, data, 2048);
    vt_close(vd, 1, 0);
    keep("state.txt");                       /* DVD-R: reserved + closed + open track */
    vdrive_insert_blank(vd, 0x0009);
    vt_write10(vd, 0, 8, data, 2048);
    vt_close(vd, 2, 0);
    keep("state.txt");                       /* CD-R: a session closed */
    {
        uint8_t cue[24] = { 0x01, 0x00, 0x00, 0x01, 0x00, 0, 0, 0, 0x01, 0x01, 0x01, 0x00, 0x00, 0, 2, 0,
                            0x01, 0xAA, 0x01, 0x00, 0x00, 0, 6, 0 }, s[12] = { 0x5D };
        vdrive_insert_blank(vd, 0x0009);
        vt_set_write_params(vd, 1, 2, 0, 0, 0);
        s[8] = sizeof(cue);
        vt_run(vd, s, 10, MMC_DIR_OUT, cue, sizeof(cue));
        keep("state.txt");                   /* SAO in progress */
    }
    vdrive_add_fault(vd, &cfg.faults[0]);
    keep("state.txt");
    vdrive_close(vd);
}

static size_t mutate(const char *seed, char *out, size_t cap)
{
    static const char *const numbers[] = { "-1", "0", "4294967295", "4294967296", "99999999999",
                                           "18446744073709551616", "-2147483649", "2298497", "12abc", "" };
    size_t n = strlen(seed), i, rounds = 1 + next_rand() % 4;
    if (n >= cap) n = cap - 1;
    memcpy(out, seed, n);
    out[n] = 0;
    for (i = 0; i < rounds; i++)
    {
        uint32_t r = next_rand();
        size_t at = n ? r % n : 0;
        switch ((r >> 24) % 5)
        {
        case 0: if (n) out[at] = (char)(r >> 8); break;               /* a byte */
        case 1:                                                       /* a number */
        {
            const char *x = numbers[(r >> 8) % 10];
            size_t s = at, e, xl = strlen(x);
            while (s < n && (out[s] < '0' || out[s] > '9')) s++;
            e = s;
            while (e < n && out[e] >= '0' && out[e] <= '9') e++;
            if (s >= n || n - (e - s) + xl >= cap) break;
            memmove(out + s + xl, out + e, n - e + 1);
            memcpy(out + s, x, xl);
            n = n - (e - s) + xl;
            break;
        }
        case 2:                                                       /* drop a line */
        {
            char *l = strchr(out + at, '\n'), *m = l ? strchr(l + 1, '\n') : NULL;
            if (m) { memmove(l, m, strlen(m) + 1); n = strlen(out); }
            break;
        }
        case 3:                                                       /* double a line */
        {
            char *l = strchr(out + at, '\n'), *m = l ? strchr(l + 1, '\n') : NULL;
            size_t len = m ? (size_t)(m - l) : 0;
            if (m && n + len < cap) { memmove(m + len, m, strlen(m) + 1); memcpy(m, l, len); n += len; }
            break;
        }
        default: n = at; out[n] = 0; break;                           /* truncate */
        }
    }
    return n;
}

int main(void)
{
    static char buf[16384];
    char dir[1100];
    unsigned round, i;

    alarm(60);
    make_seeds();
    CHECK(nseeds >= 5);
    vt_fresh_dir("fuzz_text", NULL);
    snprintf(dir, sizeof(dir), "%s", vt_dir);
    for (i = 0; i < nseeds; i++) fuzz_vdrive_text(dir, (const uint8_t *)seeds[i], strlen(seeds[i]));
    for (round = 0; round < ROUNDS; round++)
    {
        size_t n = mutate(seeds[round % nseeds], buf, sizeof(buf));
        fuzz_vdrive_text(round % 8 == 0 ? dir : NULL, (const uint8_t *)buf, n);
    }
    for (i = 0; i < nseeds; i++) free(seeds[i]);
    CHECK(1);   /* reaching here without sanitizer reports or aborts is the test */
    return check_finish("test_vdrive_fuzz_text");
}
