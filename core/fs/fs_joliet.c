/* The Joliet writer: supplementary volume descriptor with the UCS-2 level 3 escape
 * sequence and a second directory hierarchy with big-endian UCS-2 names up to 64 units,
 * sharing the file data extents of the ISO9660 tree. */
#include <stdlib.h>
#include <string.h>
#include "fs_ecma119.h"
#include "fs_ecma119_desc.h"

static void joliet_mangle(const fs_hier *h, const fs_layout *L, const fs_node *n, fs_mangled *out)
{
    fs_mangle_joliet(L->names + n->name_off, n->name_len, n->is_dir, h->joliet_max, out);
}

void fs_volume_name_joliet(const uint16_t *name, size_t len, uint16_t out[17])
{
    size_t i, n = len < 16 ? len : 16;
    if (n == 16 && name[15] >= 0xd800 && name[15] <= 0xdbff) n = 15;
    for (i = 0; i < n; i++)
    {
        uint16_t c = name[i];
        out[i] = (c < 0x20 || c == '*' || c == '/' || c == ':' || c == ';' || c == '?' || c == '\\') ? '_' : c;
    }
    out[n] = 0;
}

/* Fill a UCS-2 identifier field with spaces (odd lengths end in a zero byte). */
static void ucs2_spaces(uint8_t *p, size_t bytes)
{
    size_t i;
    for (i = 0; i + 1 < bytes; i += 2) put_be16(p + i, 0x20);
    if (bytes & 1) p[bytes - 1] = 0;
}

static void joliet_write_vd(fs_writer *w, const fs_layout *L, uint8_t *vd)
{
    const fs_hier *h = (const fs_hier *)w;
    static const uint8_t app[] = "IMAPI2FS";
    static const size_t fields[][2] = { { 190, 128 }, { 318, 128 }, { 446, 128 }, { 574, 128 },
                                        { 702, 37 }, { 739, 37 }, { 776, 37 } };
    uint16_t vol[17];
    size_t i;
    vd[ECMA119_VD_TYPE] = ECMA119_VD_TYPE_SUPPLEMENTARY;
    fs_hier_fill_vd(h, L, vd);
    vd[ECMA119_VD_FLAGS] = 0;                     /* escape sequences per ISO 2375 */
    ucs2_spaces(vd + ECMA119_VD_SYSTEM_ID, 32);
    ucs2_spaces(vd + ECMA119_VD_VOLUME_ID, 32);
    fs_volume_name_joliet(L->volume_name, L->volume_name_len, vol);
    for (i = 0; vol[i]; i++) put_be16(vd + ECMA119_VD_VOLUME_ID + 2 * i, vol[i]);
    memcpy(vd + ECMA119_VD_ESCAPES, "%/E", 3);     /* UCS-2 level 3 */
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) ucs2_spaces(vd + fields[i][0], fields[i][1]);
    for (i = 0; app[i]; i++) put_be16(vd + ECMA119_VD_APP_ID + 2 * i, app[i]);
}

fs_writer *fs_joliet_writer_new(fs_layout *L)
{
    fs_hier *h = calloc(1, sizeof(*h));
    if (!h) return NULL;
    h->w.compute = fs_hier_compute;
    h->w.write_vd = joliet_write_vd;
    h->w.generate = fs_hier_generate;
    h->w.destroy = fs_hier_destroy;
    h->w.vd_count = 1;
    h->ucs2 = 1;
    h->joliet_max = L->opt.joliet_max_name ? L->opt.joliet_max_name : 64;
    if (h->joliet_max > 110) h->joliet_max = 110;   /* 2 * (units + ";1") must fit a byte */
    if (h->joliet_max < 8) h->joliet_max = 8;
    h->mangle = joliet_mangle;
    if (fs_hier_init(h, L)) { fs_hier_destroy(&h->w); return NULL; }
    return &h->w;
}
