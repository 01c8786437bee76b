/* One fuzz input run against the emulated recorder, shared by the deterministic tests
 * (test_vdrive_fuzz_text.c, test_vdrive_fuzz_seq.c) and the optional libFuzzer harness
 * (fuzz_vdrive_libfuzzer.c). Failures are crashes, sanitizer reports, hangs, and abort()
 * on a broken invariant:
 *  - text: state.txt / config.txt parsers. What they accept must format and parse back,
 *    and an accepted state must open and answer commands (GOOD or CHECK CONDITION).
 *  - commands: a sequence of structured commands (media, RESERVE TRACK, READ near track
 *    boundaries and NWAs, WRITE, CLOSE, SYNC, BLANK, FORMAT, reopen). Every command ends
 *    with a known status, never transfers more than its buffer, and the committed state
 *    always reopens. */
#ifndef FUZZ_VDRIVE_BODY_H
#define FUZZ_VDRIVE_BODY_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vdrive/vdrive_internal.h"
#include "vdrive/vdrive_text.h"

#define FZ_BUF (16 * 2352)

static uint8_t fz_buf[FZ_BUF];

static void fz_require(int ok, const char *what)
{
    if (ok) return;
    fprintf(stderr, "fuzz invariant broken: %s\n", what);
    abort();
}

static int fz_run(vdrive *vd, const uint8_t *cdb, unsigned cdb_len, enum mmc_dir dir, size_t len)
{
    mmc_command cmd;
    int status;
    memset(&cmd, 0, sizeof(cmd));
    memcpy(cmd.cdb, cdb, cdb_len);
    cmd.cdb_len = (uint8_t)cdb_len;
    cmd.dir = dir;
    cmd.buf = len ? fz_buf : NULL;
    cmd.len = len;
    status = vdrive_execute(vd, &cmd);
    fz_require(status == MMC_STATUS_GOOD || status == MMC_STATUS_CHECK_CONDITION, "known status");
    fz_require(cmd.transferred <= len, "no overrun");
    fz_require(status != MMC_STATUS_CHECK_CONDITION || (cmd.sense[0] == 0x70 && (cmd.sense[2] & 0x0F)), "fixed sense");
    return status;
}

static void fz_put32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }

/* Interesting LBAs: track starts and recorded ends, the NWA, the capacity. */
static int64_t fz_lba(vdrive *vd, uint8_t pick, uint8_t offset)
{
    const vd_state *st = &vd->st;
    int64_t base;
    unsigned k = (pick >> 2) % (st->ntracks ? st->ntracks : 1);
    switch (pick & 3)
    {
    case 0: base = st->ntracks ? st->tracks[k].start : 0; break;
    case 1: base = st->ntracks ? st->tracks[k].start + (int64_t)st->tracks[k].written : 0; break;
    case 2: base = st->ntracks ? st->tracks[k].start + (int64_t)st->tracks[k].size : 0; break;
    default: base = st->capacity; break;
    }
    return base + (int8_t)offset;
}

static void fz_rw(vdrive *vd, uint8_t op, int64_t lba, unsigned count, int write)
{
    uint8_t c[12] = { 0 };
    c[0] = op;
    fz_put32(c + 2, (uint32_t)lba);
    if (op == 0x28 || op == 0x2A) { c[7] = 0; c[8] = (uint8_t)count; }
    else { fz_put32(c + 6, count); }
    fz_run(vd, c, op == 0x28 || op == 0x2A ? 10 : 12, write ? MMC_DIR_OUT : MMC_DIR_IN,
           (size_t)count * (write ? 2352 : 2048) <= FZ_BUF ? (size_t)count * (write ? 2352 : 2048) : FZ_BUF);
}

/* A handful of commands against whatever state is loaded. */
static void fz_probe(vdrive *vd, const uint8_t *d, size_t n)
{
    uint8_t c[12];
    size_t i;
    for (i = 0; i + 2 < n && i < 24; i += 3)
    {
        int64_t lba = fz_lba(vd, d[i], d[i + 1]);
        unsigned count = 1 + d[i + 2] % 8;
        fz_rw(vd, 0x28, lba, count, 0);
        memset(c, 0, sizeof(c));
        c[0] = 0xBE; fz_put32(c + 2, (uint32_t)lba); c[8] = (uint8_t)count; c[9] = 0x10;
        fz_run(vd, c, 12, MMC_DIR_IN, (size_t)count * 2352);
    }
    memset(c, 0, sizeof(c)); c[0] = 0x51; c[8] = 34; fz_run(vd, c, 10, MMC_DIR_IN, 34);
    memset(c, 0, sizeof(c)); c[0] = 0x52; c[1] = 1; c[5] = 0xFF; c[8] = 48; fz_run(vd, c, 10, MMC_DIR_IN, 48);
    memset(c, 0, sizeof(c)); c[0] = 0x43; c[2] = 2; c[7] = 0x10; fz_run(vd, c, 10, MMC_DIR_IN, 4096);
    memset(c, 0, sizeof(c)); c[0] = 0x25; fz_run(vd, c, 10, MMC_DIR_IN, 8);
}

/* --- parsers --- */

static inline void fuzz_vdrive_text(const char *dir, const uint8_t *d, size_t n)
{
    char *text = malloc(n + 1), *again, path[1200];
    vd_state *st = malloc(sizeof(*st)), *st2 = malloc(sizeof(*st2));
    vdrive_config cfg, cfg2;
    vd_parse_error err;
    vdrive *vd;

    if (!text || !st || !st2) { free(text); free(st); free(st2); return; }
    memcpy(text, d, n);
    text[n] = 0;
    memset(&err, 0, sizeof(err));
    if (!vd_config_parse(text, &cfg, &err))
    {
        again = vd_config_format(&cfg);
        fz_require(again && !vd_config_parse(again, &cfg2, NULL), "accepted config round-trips");
        free(again);
    }
    else fz_require(err.line >= 1, "config error names a line");
    memset(&err, 0, sizeof(err));
    if (!vd_meta_parse(text, st, &err))
    {
        again = vd_meta_format(st);
        fz_require(again && !vd_meta_parse(again, st2, NULL), "accepted state round-trips");
        /* an accepted state opens and answers */
        if (dir && again)
        {
            snprintf(path, sizeof(path), "%s/state.txt", dir);
            if (!core_file_replace(path, again, strlen(again), 0) && !vdrive_open(dir, &vd))
            {
                fz_probe(vd, d, n);
                vdrive_close(vd);
            }
        }
        free(again);
    }
    else fz_require(err.line >= 1, "state error names a line");
    free(text); free(st); free(st2);
}

/* --- command sequences --- */

static const uint16_t fz_media[] = { 0x0009, 0x000A, 0x0011, 0x0013, 0x0014, 0x001A, 0x001B,
                                     0x002B, 0x0012, 0x0041, 0x0043 };

static void fz_reopen(const char *dir, vdrive **vd)
{
    char why[1400];
    vdrive_close(*vd);
    *vd = NULL;
    if (vdrive_open_why(dir, vd, why, sizeof(why)))
    {
        fprintf(stderr, "committed state does not reopen: %s\n", why);
        abort();
    }
}

static inline void fuzz_vdrive_commands(const char *dir, const uint8_t *d, size_t n)
{
    vdrive *vd;
    size_t i;
    if (vdrive_open(dir, &vd)) return;
    vdrive_insert_blank(vd, fz_media[(n ? d[0] : 0) % (sizeof(fz_media) / sizeof(fz_media[0]))]);
    for (i = 1; i + 4 <= n; i += 4)
    {
        uint8_t k = d[i], a = d[i + 1], b = d[i + 2], e = d[i + 3], c[12] = { 0 };
        unsigned count = 1 + e % 16;
        switch (k % 16)
        {
        case 0: vdrive_insert_blank(vd, fz_media[a % (sizeof(fz_media) / sizeof(fz_media[0]))]); break;
        case 1: case 2:                                   /* RESERVE TRACK, often then READ in it */
            c[0] = 0x53; fz_put32(c + 5, (uint32_t)a * (b & 1 ? 1u : 97u));
            fz_run(vd, c, 10, MMC_DIR_NONE, 0);
            if (k & 0x10) fz_rw(vd, 0x28, fz_lba(vd, b, e & 7), count, 0);
            break;
        case 3: case 4: fz_rw(vd, k & 0x20 ? 0xA8 : 0x28, fz_lba(vd, a, b), count, 0); break;
        case 5: case 6: fz_rw(vd, k & 0x20 ? 0xAA : 0x2A, fz_lba(vd, a, b & 0x80 ? b : 0), count, 1); break;
        case 7: c[0] = 0x5B; c[2] = (uint8_t)(a % 7); fz_run(vd, c, 10, MMC_DIR_NONE, 0); break;
        case 8: c[0] = 0x35; fz_run(vd, c, 10, MMC_DIR_NONE, 0); break;
        case 9: c[0] = 0xBE; fz_put32(c + 2, (uint32_t)fz_lba(vd, a, b)); c[8] = (uint8_t)count; c[9] = e & 0xF8;
                fz_run(vd, c, 12, MMC_DIR_IN, (size_t)count * 2352); break;
        case 10:                                          /* write parameters: type, multi-session, modes */
        {
            uint8_t page[8 + 52];
            c[0] = 0x5A; c[2] = 0x05; c[8] = sizeof(page);
            if (fz_run(vd, c, 10, MMC_DIR_IN, sizeof(page)) != MMC_STATUS_GOOD) break;
            memcpy(page, fz_buf, sizeof(page));
            memset(page, 0, 8);
            page[8] &= 0x3F;
            page[10] = (uint8_t)((page[10] & 0xB0) | (a & 0x40) | (a & 0x0F) % 4);
            page[11] = (uint8_t)((b & 0xC0) | (b & 0x0F));
            page[12] = (uint8_t)(e & 0x0F);
            memcpy(fz_buf, page, sizeof(page));
            memset(c, 0, sizeof(c)); c[0] = 0x55; c[1] = 0x10; c[8] = sizeof(page);
            fz_run(vd, c, 10, MMC_DIR_OUT, sizeof(page));
            break;
        }
        case 11: c[0] = 0xA1; c[1] = (uint8_t)(a & 1); fz_run(vd, c, 12, MMC_DIR_NONE, 0); break;   /* BLANK */
        case 12:                                          /* FORMAT UNIT */
            memset(fz_buf, 0, 12); fz_buf[1] = 2; fz_buf[3] = 8; fz_put32(fz_buf + 4, (uint32_t)a << 16);
            fz_buf[8] = (uint8_t)((b % 0x33) << 2);
            c[0] = 0x04; c[1] = 0x11; fz_run(vd, c, 6, MMC_DIR_OUT, 12); break;
        case 13: fz_reopen(dir, &vd); break;
        case 14: fz_probe(vd, d + i, 4); break;
        default: c[0] = 0x52; c[1] = 1; fz_put32(c + 2, a); c[8] = 48; fz_run(vd, c, 10, MMC_DIR_IN, 48); break;
        }
    }
    fz_reopen(dir, &vd);
    vdrive_close(vd);
}

#endif
