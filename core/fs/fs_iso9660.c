/* The ISO9660 writer: primary volume descriptor (ECMA-119 8.4) and the primary
 * directory hierarchy with d-character names (levels 1 and 2). */
#include <stdlib.h>
#include <string.h>
#include "fs_ecma119.h"
#include "fs_ecma119_desc.h"

static void iso_mangle(const fs_hier *h, const fs_layout *L, const fs_node *n, fs_mangled *out)
{
    (void)h;
    fs_mangle_iso9660(L->names + n->name_off, n->name_len, n->is_dir, L->opt.iso_level, out);
}

void fs_volume_name_iso9660(const uint16_t *name, size_t len, char out[33])
{
    size_t i, n = 0;
    for (i = 0; i < len && n < 32; i++)
    {
        uint16_t c = name[i];
        if (c >= 0xdc00 && c <= 0xdfff) continue;
        if (c >= 'a' && c <= 'z') c = (uint16_t)(c - 0x20);
        out[n++] = ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') ? (char)c : '_';
    }
    out[n] = 0;
}

static void iso_write_vd(fs_writer *w, const fs_layout *L, uint8_t *vd)
{
    const fs_hier *h = (const fs_hier *)w;
    char vol[33];
    static const char app[] = "IMAPI2FS";
    vd[ECMA119_VD_TYPE] = ECMA119_VD_TYPE_PRIMARY;
    fs_hier_fill_vd(h, L, vd);
    memset(vd + ECMA119_VD_SYSTEM_ID, ' ', 64);    /* System and Volume Identifiers */
    fs_volume_name_iso9660(L->volume_name, L->volume_name_len, vol);
    memcpy(vd + ECMA119_VD_VOLUME_ID, vol, strlen(vol));
    memset(vd + ECMA119_VD_SET_ID, ' ', ECMA119_VD_CREATED - ECMA119_VD_SET_ID);  /* set ... file ids */
    memcpy(vd + ECMA119_VD_APP_ID, app, sizeof(app) - 1);
}

fs_writer *fs_iso9660_writer_new(fs_layout *L)
{
    fs_hier *h = calloc(1, sizeof(*h));
    if (!h) return NULL;
    h->w.compute = fs_hier_compute;
    h->w.write_vd = iso_write_vd;
    h->w.generate = fs_hier_generate;
    h->w.destroy = fs_hier_destroy;
    h->w.vd_count = 1;
    h->mangle = iso_mangle;
    if (fs_hier_init(h, L)) { fs_hier_destroy(&h->w); return NULL; }
    return &h->w;
}
