/* One fuzz input run through every parser and, via a transport that answers
 * with the input bytes, through the device layer's composite queries. Shared
 * by the deterministic mutation test (test_mmc_fuzz.c) and the optional
 * libFuzzer harness (fuzz_mmc_libfuzzer.c). Crashes and ASan reports are the
 * failures; results are ignored. */
#ifndef FUZZ_MMC_BODY_H
#define FUZZ_MMC_BODY_H

#include <stdlib.h>
#include <string.h>
#include "mmc/mmc_device.h"

typedef struct fuzz_ctx
{
    const uint8_t *data;
    size_t size;
    size_t pos;
} fuzz_ctx;

/* Answers each command with the next slice of the input: first byte picks the
 * status and the claimed transfer length, then the payload follows. */
static int fuzz_execute(mmc_transport *t, mmc_command *c)
{
    fuzz_ctx *f = t->ctx;
    uint8_t ctl;
    size_t n;

    if (f->pos >= f->size)
        return MMC_STATUS_TIMEOUT;
    ctl = f->data[f->pos++];
    if ((ctl & 0x07) == 1)
    {
        size_t k = f->size - f->pos < MMC_SENSE_LEN ? f->size - f->pos : MMC_SENSE_LEN;
        memset(c->sense, 0, MMC_SENSE_LEN);
        memcpy(c->sense, f->data + f->pos, k);
        f->pos += k;
        return MMC_STATUS_CHECK_CONDITION;
    }
    if ((ctl & 0x07) > 4)
        return (ctl & 0x07) - 3;                   /* timeout, transport error */
    n = f->size - f->pos;
    if (c->dir == MMC_DIR_IN)
    {
        if (n > c->len)
            n = c->len;
        memcpy(c->buf, f->data + f->pos, n);
        f->pos += n;
        /* sometimes lie about the count, within the buffer */
        c->transferred = (ctl & 0x08) ? (n / 2) : n;
    }
    else
        c->transferred = c->len;
    return MMC_STATUS_GOOD;
}

static void fuzz_parsers(const uint8_t *d, size_t n)
{
    union
    {
        mmc_inquiry inq; mmc_config_header ch; mmc_event_status ev; mmc_disc_info di; mmc_track_info ti;
        mmc_atip at; mmc_dvd_physical ph; mmc_bd_disc_info bd; mmc_mode_header mh; mmc_caps_page cp;
        mmc_write_params wp; mmc_sense s;
    } u;
    mmc_feature_iter it;
    mmc_feature_desc f;
    mmc_profile_entry prof[MMC_MAX_PROFILES];
    mmc_toc_header th;
    mmc_toc_track tt[8];
    mmc_toc_full_entry fe[8];
    mmc_format_capacity cur, fc[4];
    mmc_write_speed_desc ws[4];
    mmc_performance_desc pd[4];
    const uint8_t *p;
    uint8_t codes[8];
    size_t k, len;
    uint32_t a, b;
    int32_t lba;
    int w;

    mmc_parse_inquiry(d, n, &u.inq);
    mmc_parse_config_header(d, n, &u.ch);
    if (!mmc_feature_iter_init(&it, d, n))
        while (mmc_feature_iter_next(&it, &f) == 1)
            if (f.code == 0)
                mmc_parse_profile_list(&f, prof, &k);
    mmc_config_find_feature(d, n, 0x0107, &f);
    mmc_parse_event_status(d, n, &u.ev);
    mmc_parse_disc_info(d, n, &u.di);
    mmc_parse_track_info(d, n, &u.ti);
    mmc_parse_toc(d, n, 0, &th, tt, 8, &k);
    mmc_parse_toc(d, n, 1, &th, tt, 8, &k);
    if (!mmc_parse_full_toc(d, n, &th, fe, 8, &k))
        mmc_full_toc_leadout(fe, k < 8 ? k : 8, 1, &lba);
    mmc_parse_atip(d, n, &u.at);
    mmc_parse_cdtext(d, n, &p, &k);
    mmc_parse_read_capacity(d, n, &a, &b);
    mmc_parse_format_capacities(d, n, &cur, fc, 4, &k);
    mmc_parse_dvd_physical(d, n, &u.ph);
    mmc_parse_bd_disc_info(d, n, &u.bd);
    mmc_parse_structure_payload(d, n, &p, &len);
    mmc_parse_mode_header(d, n, &u.mh);
    mmc_mode_list_pages(d, n, codes, 8, &k);
    if (!mmc_mode_find_page(d, n, 0x2A, &p, &len))
    {
        uint16_t kbps;
        uint8_t rot;
        mmc_parse_caps_page(p, len, &u.cp);
        mmc_caps_write_speed(p, len, 0, &kbps, &rot);
    }
    if (!mmc_mode_find_page(d, n, 0x05, &p, &len))
        mmc_parse_write_params(p, len, &u.wp);
    mmc_parse_caps_page(d, n, &u.cp);
    mmc_parse_write_params(d, n, &u.wp);
    mmc_parse_write_speeds(d, n, ws, 4, &k);
    mmc_parse_performance(d, n, &w, pd, 4, &k);
    mmc_parse_buffer_capacity(d, n, &a, &b);
    mmc_parse_sense(d, n, &u.s);
}

static void fuzz_device(const uint8_t *d, size_t n)
{
    fuzz_ctx ctx = { d, n, 0 };
    mmc_transport t = { fuzz_execute, NULL, &ctx };
    mmc_device dev;
    mmc_inquiry inq;
    mmc_disc_info di;
    mmc_track_info ti;
    mmc_write_speed_desc *ws;
    uint16_t prof, *list;
    uint8_t *buf, page5[16] = { 0x05, 0x0E };
    size_t k;
    int present, open;

    mmc_dev_init(&dev, &t);
    mmc_dev_inquiry(&dev, &inq);
    mmc_dev_get_current_profile(&dev, &prof);
    if (!mmc_dev_get_profiles(&dev, ctx.pos & 1, &list, &k))
        free(list);
    if (!mmc_dev_get_feature(&dev, 0x002B, ctx.pos & 1, &buf, &k))
        free(buf);
    if (!mmc_dev_get_supported_features(&dev, 0, &list, &k))
        free(list);
    if (!mmc_dev_get_mode_page(&dev, 0x2A, MMC_PC_CURRENT, &buf, &k))
        free(buf);
    if (!mmc_dev_get_mode_page_list(&dev, MMC_PC_CURRENT, &buf, &k))
        free(buf);
    mmc_dev_set_mode_page(&dev, page5, sizeof(page5), 0);
    if (!mmc_dev_disc_info(&dev, &di, &buf, &k))
        free(buf);
    if (!mmc_dev_track_info(&dev, MMC_TRACK_ADDR_TRACK, 1, &ti, &buf, &k))
        free(buf);
    if (!mmc_dev_read_disc_structure(&dev, MMC_STRUCTURE_MEDIA_DVD, 0, 0, 0, 0, &buf, &k))
        free(buf);
    mmc_dev_media_present(&dev, &present, &open);
    if (!mmc_dev_write_speeds(&dev, &ws, &k))
        free(ws);
}

static void fuzz_one(const uint8_t *d, size_t n)
{
    /* exact-size copy so that any read past n is caught */
    uint8_t *copy = malloc(n ? n : 1);
    if (!copy)
        return;
    memcpy(copy, d, n);
    fuzz_parsers(n ? copy : NULL, n);
    fuzz_device(copy, n);
    free(copy);
}

#endif
