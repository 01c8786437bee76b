/* MODE SENSE(10) / MODE SELECT(10): pages 01h, 05h, 08h, 1Ah, 1Dh, 2Ah and 3Fh (all),
 * with current, changeable, default and saved values (saved = default: nothing is
 * saved beyond the drive state itself). */
#include <string.h>
#include "vdrive_internal.h"

#define MODE_HEADER_LEN 8

static const uint8_t page_order[] = { 0x01, 0x05, 0x08, 0x1A, 0x1D, 0x2A };

/* The stored (changeable-in-principle) pages of a state. */
static uint8_t *stored_page(vd_state *st, unsigned code, size_t *len)
{
    switch (code)
    {
    case 0x01: *len = sizeof(st->page01); return st->page01;
    case 0x05: *len = sizeof(st->page05); return st->page05;
    case 0x08: *len = sizeof(st->page08); return st->page08;
    case 0x1A: *len = sizeof(st->page1a); return st->page1a;
    case 0x1D: *len = sizeof(st->page1d); return st->page1d;
    default: return NULL;
    }
}

/* Which bits a host may change, page by page. */
static void changeable_mask(unsigned code, uint8_t *m, size_t len)
{
    size_t i;
    memset(m, 0, len);
    m[0] = (uint8_t)code;
    m[1] = (uint8_t)(len - 2);
    switch (code)
    {
    case 0x01: m[2] = 0xFF; m[3] = 0xFF; m[8] = 0xFF; m[10] = m[11] = 0xFF; break;
    case 0x05:
        m[2] = 0x7F;              /* BUFE, LS_V, Test Write, Write Type */
        m[3] = 0xFF;              /* multi-session, FP, copy, track mode */
        m[4] = 0x0F;              /* data block type */
        m[5] = 0xFF; m[7] = 0x3F; m[8] = 0xFF;
        for (i = 10; i < len; i++) m[i] = 0xFF;
        break;
    case 0x08: m[2] = 0x05; break;  /* WCE, RCD */
    case 0x1A: m[3] = 0x03; for (i = 4; i < 12; i++) m[i] = 0xFF; break;
    case 0x1D: m[4] = 0x07; break;
    default: break;
    }
}

static size_t capabilities_page(vdrive *vd, uint8_t *p, unsigned pc)
{
    unsigned speeds[VDRIVE_MAX_SPEEDS], n, i, cd = 0, dvd = 0, dvdr = 0, ram = 0, cdr = 0, cdrw = 0;
    size_t len;
    vd_speed_list(vd, speeds, &n);
    len = 32 + 4 * n;
    memset(p, 0, len);
    p[0] = 0x2A;
    p[1] = (uint8_t)(len - 2);
    if (pc == MMC_PC_CHANGEABLE) return len;   /* nothing in 2Ah can be changed */
    for (i = 0; i < vd->cfg.nprofiles; i++)
    {
        const vd_media_info *m = vd_media_find(vd->cfg.profiles[i]);
        if (!m) continue;
        cd |= m->family == VD_CD;
        dvd |= m->family == VD_DVD;
        cdr |= m->profile == MMC_PROFILE_CD_RECORDABLE;
        cdrw |= m->profile == MMC_PROFILE_CD_REWRITABLE;
        dvdr |= m->profile == MMC_PROFILE_DVD_DASH_RECORDABLE;
        ram |= m->profile == MMC_PROFILE_DVD_RAM;
    }
    p[2] = (uint8_t)((cd ? 0x07 : 0) | (dvd ? 0x08 : 0) | (dvdr ? 0x10 : 0) | (ram ? 0x20 : 0));
    p[3] = (uint8_t)((cdr ? 0x01 : 0) | (cdrw ? 0x02 : 0) | 0x04 | (dvdr ? 0x10 : 0) | (ram ? 0x20 : 0));
    p[4] = 0x80 | 0x40;                        /* BUF, multi-session */
    p[5] = 0x03;                               /* CD-DA commands, accurate stream */
    p[6] = (uint8_t)((vd->cfg.manual_load ? 0x00 : 0x20) | 0x08 | 0x01 | (vd->st.prevent ? 0x02 : 0));  /* tray or slot, eject, lock */
    put_be16(p + 12, vd->cfg.buffer_kb);
    put_be16(p + 28, pc == MMC_PC_CURRENT && vd->st.write_speed ? vd->st.write_speed : (n ? speeds[0] : 0));
    put_be16(p + 30, n);
    for (i = 0; i < n; i++) put_be16(p + 32 + 4 * i + 2, speeds[i]);
    return len;
}

/* One page as the host sees it under a page control; 0 for an unknown page. */
static size_t build_page(vdrive *vd, unsigned code, unsigned pc, uint8_t *out)
{
    vd_state defaults;
    const uint8_t *src;
    size_t len;

    if (code == 0x2A) return capabilities_page(vd, out, pc);
    if (!(src = stored_page(&vd->st, code, &len))) return 0;
    if (pc == MMC_PC_CHANGEABLE) { changeable_mask(code, out, len); return len; }
    if (pc == MMC_PC_DEFAULT || pc == MMC_PC_SAVED)
    {
        vd_default_pages(&defaults, &vd->cfg);
        src = stored_page(&defaults, code, &len);
    }
    memcpy(out, src, len);
    return len;
}

int vd_cmd_mode_sense10(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    unsigned pc = c[2] >> 6, code = c[2] & 0x3F, i;
    uint8_t d[MODE_HEADER_LEN + 512];
    size_t len = MODE_HEADER_LEN;

    if (c[3] && !(code == 0x3F && c[3] == 0xFF)) return vd_invalid_cdb(cmd);   /* no subpages */
    memset(d, 0, sizeof(d));
    if (code == 0x3F)
        for (i = 0; i < sizeof(page_order); i++) len += build_page(vd, page_order[i], pc, d + len);
    else
    {
        size_t n = build_page(vd, code, pc, d + len);
        if (!n) return vd_invalid_cdb(cmd);
        len += n;
    }
    put_be16(d, (uint32_t)(len - 2));
    /* device-specific parameter: WP (bit 7) while the medium is write protected, as
     * drives report a protected cartridge/disc (what hosts check before writing) */
    if (vd_media_ready(vd) && vd->st.write_protected) d[3] = 0x80;
    return vd_reply(cmd, d, len, get_be16(c + 7));
}

static int valid_write_parameters(vdrive *vd, const uint8_t *p)
{
    unsigned write_type = p[2] & 0x0F, block_type = p[4] & 0x0F;
    if (write_type > 4) return 0;
    /* raw writing carries sub-channel: 2352 + 16 P-Q (1), + 96 packed P-W (2) or raw P-W (3) */
    if (write_type == 3) return block_type >= 1 && block_type <= 3;
    /* other data block types this drive records: raw 2352 (0), Mode 1 (8), Mode 2 form 1 (10) */
    if (block_type != 0 && block_type != 8 && block_type != 10) return 0;
    (void)vd;
    return 1;
}

int vd_cmd_mode_select10(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb, *data = cmd->buf, *p, *end;
    size_t param_len = get_be16(c + 7);
    vd_state next;

    if (!(c[1] & 0x10)) return vd_invalid_cdb(cmd);            /* PF must be set */
    if (!param_len) return MMC_STATUS_GOOD;
    if (param_len < MODE_HEADER_LEN || !data || cmd->len < param_len || cmd->dir != MMC_DIR_OUT)
        return vd_invalid_cdb(cmd);
    if (MODE_HEADER_LEN + (size_t)get_be16(data + 6) > param_len) return vd_invalid_param(cmd);
    next = vd->st;
    p = data + MODE_HEADER_LEN + get_be16(data + 6);            /* skip block descriptors */
    end = data + param_len;
    while (p + 2 <= end)
    {
        unsigned code = p[0] & 0x3F;
        size_t len = (size_t)p[1] + 2, stored_len, i;
        uint8_t *dst = stored_page(&next, code, &stored_len), mask[64];
        if (p + len > end) return vd_invalid_param(cmd);
        if (!dst || len != stored_len) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_FIELD_IN_PARAMETER_LIST);
        changeable_mask(code, mask, len);
        for (i = 2; i < len; i++)
            if ((p[i] ^ dst[i]) & ~mask[i]) return vd_invalid_param(cmd);
        if (code == 0x05 && !valid_write_parameters(vd, p)) return vd_invalid_param(cmd);
        memcpy(dst + 2, p + 2, len - 2);
        p += len;
    }
    vd->st = next;
    vd->meta_dirty = 1;
    cmd->transferred = param_len;
    return MMC_STATUS_GOOD;
}
