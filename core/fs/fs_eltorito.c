/* El Torito boot catalog builders/parsers (fs_eltorito.h) and the layout writer that
 * puts the boot record volume descriptor, the boot catalog and the boot images into
 * an image. The writer comes right after the ISO9660 writer, so its descriptor is the
 * second one: sector 17, where El Torito requires it. The catalog and the images are
 * regions of their own, listed in no directory (core/fs/README.md, "El Torito"). */
#include <stdlib.h>
#include <string.h>
#include "fs_eltorito.h"
#include "fs_layout_int.h"
#include "fs_hresult.h"
#include "io/core_io.h"

uint32_t fs_eltorito_floppy_bytes(uint32_t emulation)
{
    switch (emulation)
    {
    case FS_ELTORITO_EMUL_FLOPPY12: return FS_ELTORITO_FLOPPY12_BYTES;
    case FS_ELTORITO_EMUL_FLOPPY144: return FS_ELTORITO_FLOPPY144_BYTES;
    case FS_ELTORITO_EMUL_FLOPPY288: return FS_ELTORITO_FLOPPY288_BYTES;
    default: return 0;
    }
}

uint32_t fs_eltorito_floppy_emulation(uint64_t image_bytes)
{
    uint32_t e;
    for (e = FS_ELTORITO_EMUL_FLOPPY12; e <= FS_ELTORITO_EMUL_FLOPPY288; e++)
        if (image_bytes == fs_eltorito_floppy_bytes(e)) return e;
    return FS_ELTORITO_EMUL_NONE;
}

int32_t fs_eltorito_check_entry(const fs_boot_entry *e)
{
    uint32_t want;
    if (!e->src.size || e->src.size > 0xffffffffULL || !e->src.open) return IMAPI_E_BOOT_IMAGE_DATA;
    if (e->platform > 0xff || e->emulation > FS_ELTORITO_EMUL_HARDDISK) return IMAPI_E_BOOT_IMAGE_DATA;
    want = fs_eltorito_floppy_bytes(e->emulation);
    if (want && e->src.size != want) return IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH;
    return 0;
}

uint16_t fs_eltorito_load_size(uint32_t platform, uint32_t emulation, uint64_t image_bytes)
{
    uint64_t sectors;
    if (emulation != FS_ELTORITO_EMUL_NONE) return 1;
    sectors = (image_bytes + FS_ELTORITO_VSECTOR - 1) / FS_ELTORITO_VSECTOR;
    if (sectors <= 0xffff) return (uint16_t)sectors;
    return platform == FS_ELTORITO_PLATFORM_EFI ? 0 : 0xffff;
}

uint8_t fs_eltorito_mbr_system_type(const uint8_t sector0[512])
{
    int i;
    if (sector0[510] != 0x55 || sector0[511] != 0xaa) return 0;
    for (i = 0; i < 4; i++)
    {
        const uint8_t *pe = sector0 + 446 + 16 * i;   /* MBR partition table at 1BEh */
        if (pe[4]) return pe[4];
    }
    return 0;
}

void fs_eltorito_put_brvd(uint8_t vd[2048], uint32_t catalog_lba)
{
    fs_elt_brvd *d = (fs_elt_brvd *)vd;
    memset(vd, 0, 2048);
    d->boot_record_indicator = 0;
    memcpy(d->iso_id, "CD001", 5);
    d->version = 1;
    memcpy(d->boot_system_id, FS_ELTORITO_SYSTEM_ID, sizeof(FS_ELTORITO_SYSTEM_ID) - 1);
    put_le32(d->catalog_lba, catalog_lba);
}

uint16_t fs_eltorito_validation_checksum(const uint8_t entry[32])
{
    uint16_t sum = 0;
    int i;
    for (i = 0; i < 32; i += 2)
        if (i != 28) sum = (uint16_t)(sum + get_le16(entry + i));
    return (uint16_t)(0x10000u - sum);
}

/* Default (section = 0) or section entry: Figures 3 and 5 share bytes 1-12. */
static void put_boot_entry(uint8_t *p, const fs_eltorito_record *r)
{
    fs_elt_default *e = (fs_elt_default *)p;
    e->boot_indicator = FS_ELTORITO_BOOTABLE;
    e->boot_media_type = (uint8_t)(r->media & FS_ELTORITO_MEDIA_MASK);
    put_le16(e->load_segment, r->load_segment);
    e->system_type = r->system_type;
    put_le16(e->sector_count, r->sector_count);
    put_le32(e->load_rba, r->load_rba);
}

/* Sections: each run of consecutive records (after the default) of one platform. The
 * catalog keeps the records' order, which is the order IMAPI documents ("the boot
 * images sequence on the disc will match the sequence specified in the SAFEARRAY"). */
static uint32_t run_length(const fs_eltorito_record *r, uint32_t n, uint32_t first)
{
    uint32_t i = first;
    while (i < n && r[i].platform == r[first].platform) i++;
    return i - first;
}

size_t fs_eltorito_catalog_size(const fs_eltorito_record *records, uint32_t n)
{
    uint32_t i, headers = 0;
    if (n < 1 || n > FS_ELTORITO_MAX_ENTRIES) return 0;
    for (i = 1; i < n; i += run_length(records, n, i)) headers++;
    return (size_t)(1 + n + headers) * FS_ELTORITO_ENTRY_SIZE;
}

size_t fs_eltorito_build_catalog(const fs_eltorito_record *records, uint32_t n, uint8_t *out, size_t cap)
{
    size_t need = fs_eltorito_catalog_size(records, n), pos;
    uint32_t i, k, count;
    fs_elt_validation *v = (fs_elt_validation *)out;

    if (!need || need > cap) return 0;
    memset(out, 0, need);
    v->header_id = FS_ELTORITO_HEADER_VALIDATION;
    v->platform_id = records[0].platform;
    memcpy(v->id_string, records[0].id, sizeof(v->id_string));
    v->key_55 = 0x55;
    v->key_aa = 0xaa;
    put_le16(v->checksum, fs_eltorito_validation_checksum(out));
    put_boot_entry(out + 32, &records[0]);
    pos = 64;
    for (i = 1; i < n; i += count)
    {
        fs_elt_section_header *h = (fs_elt_section_header *)(out + pos);
        count = run_length(records, n, i);
        h->header_indicator = i + count == n ? FS_ELTORITO_HEADER_FINAL : FS_ELTORITO_HEADER_MORE;
        h->platform_id = records[i].platform;
        put_le16(h->section_entries, count);
        memcpy(h->id_string, records[i].id, sizeof(records[i].id));   /* the run's first Manufacturer */
        pos += 32;
        for (k = 0; k < count; k++, pos += 32)
            put_boot_entry(out + pos, &records[i + k]);   /* selection criteria: none */
    }
    return pos;
}

int fs_eltorito_parse_brvd(const uint8_t vd[2048], uint32_t *catalog_lba)
{
    const fs_elt_brvd *d = (const fs_elt_brvd *)vd;
    if (d->boot_record_indicator != 0 || memcmp(d->iso_id, "CD001", 5) || d->version != 1) return -1;
    if (memcmp(d->boot_system_id, FS_ELTORITO_SYSTEM_ID, sizeof(FS_ELTORITO_SYSTEM_ID))) return -1;
    *catalog_lba = get_le32(d->catalog_lba);
    return 0;
}

static void get_boot_entry(const uint8_t *p, uint8_t platform, const uint8_t *id, size_t idlen,
                           fs_eltorito_record *r)
{
    const fs_elt_default *e = (const fs_elt_default *)p;
    memset(r, 0, sizeof(*r));
    r->platform = platform;
    r->media = e->boot_media_type & FS_ELTORITO_MEDIA_MASK;
    r->load_segment = get_le16(e->load_segment);
    r->system_type = e->system_type;
    r->sector_count = get_le16(e->sector_count);
    r->load_rba = get_le32(e->load_rba);
    memcpy(r->id, id, idlen < sizeof(r->id) ? idlen : sizeof(r->id));
}

int fs_eltorito_parse_catalog(const uint8_t *cat, size_t len, fs_eltorito_record *out, uint32_t cap)
{
    const fs_elt_validation *v = (const fs_elt_validation *)cat;
    size_t pos = 64;
    int n = 0, last = 0;

    if (len < 64 || v->header_id != FS_ELTORITO_HEADER_VALIDATION || v->key_55 != 0x55 || v->key_aa != 0xaa)
        return -1;
    if (get_le16(v->checksum) != fs_eltorito_validation_checksum(cat)) return -1;
    if (cat[32] != FS_ELTORITO_BOOTABLE && cat[32] != FS_ELTORITO_NOT_BOOTABLE) return -1;
    if (cap) get_boot_entry(cat + 32, v->platform_id, v->id_string, sizeof(v->id_string), &out[0]);
    n = 1;
    while (!last && pos + 32 <= len)
    {
        const fs_elt_section_header *h = (const fs_elt_section_header *)(cat + pos);
        uint32_t count, i;
        if (h->header_indicator == FS_ELTORITO_HEADER_FINAL) last = 1;
        else if (h->header_indicator != FS_ELTORITO_HEADER_MORE) break;   /* no (more) sections */
        count = get_le16(h->section_entries);
        pos += 32;
        for (i = 0; i < count; i++, pos += 32)
        {
            if (pos + 32 > len) return -1;
            if (cat[pos] != FS_ELTORITO_BOOTABLE && cat[pos] != FS_ELTORITO_NOT_BOOTABLE) return -1;
            if ((uint32_t)n < cap) get_boot_entry(cat + pos, h->platform_id, h->id_string, sizeof(h->id_string), &out[n]);
            n++;
            if (cat[pos + 1] & 0x20) return -1;   /* extensions: not written, not parsed */
        }
    }
    return n;
}

/* ---- the layout writer ---- */

typedef struct eltorito_writer
{
    fs_writer w;
    uint32_t n;
    fs_eltorito_record rec[FS_ELTORITO_MAX_ENTRIES];
    uint32_t catalog_block;
} eltorito_writer;

/* System Type of a hard-disk emulation image: from its MBR. */
static int32_t read_system_type(const fs_data_source *src, uint8_t *type)
{
    uint8_t sector[512];
    core_stream *s = NULL;
    int r;
    *type = 0;
    if (src->size < sizeof(sector)) return 0;
    if (src->open(src->ctx, &s) || !s) return IMAPI_E_BOOT_IMAGE_DATA;
    r = core_read_full(s, sector, sizeof(sector));
    if (s->ops->close) s->ops->close(s);
    if (r) return IMAPI_E_BOOT_IMAGE_DATA;
    *type = fs_eltorito_mbr_system_type(sector);
    return 0;
}

static int32_t elt_compute(fs_writer *w, fs_layout *L)
{
    eltorito_writer *ew = (eltorito_writer *)w;
    const fs_boot_entry *e = L->opt.boot;
    uint32_t i, start, blocks;
    int32_t hr;

    /* The spec (put_BootImageOptions): only an image without previous sessions. */
    if (L->opt.session_start) return IMAPI_E_BOOT_OBJECT_CONFLICT;
    ew->n = L->opt.boot_count;
    for (i = 0; i < ew->n; i++)
    {
        fs_eltorito_record *r = &ew->rec[i];
        if ((hr = fs_eltorito_check_entry(&e[i]))) return hr;
        r->platform = (uint8_t)e[i].platform;
        r->media = (uint8_t)e[i].emulation;
        r->load_segment = 0;
        r->sector_count = fs_eltorito_load_size(e[i].platform, e[i].emulation, e[i].src.size);
        memcpy(r->id, e[i].id, sizeof(r->id));
        if (e[i].emulation == FS_ELTORITO_EMUL_HARDDISK && (hr = read_system_type(&e[i].src, &r->system_type)))
            return hr;
    }
    blocks = (uint32_t)((fs_eltorito_catalog_size(ew->rec, ew->n) + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE);
    if ((ew->catalog_block = fs_layout_reserve(L, blocks, FS_REGION_META, w, 0)) == UINT32_MAX)
        return IMAPI_E_IMAGE_SIZE_LIMIT;
    for (i = 0; i < ew->n; i++)
    {
        uint32_t id = fs_layout_add_source(L, &e[i].src);
        if (id == UINT32_MAX) return FS_E_OUTOFMEMORY;
        blocks = (uint32_t)((e[i].src.size + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE);
        if ((start = fs_layout_reserve(L, blocks, FS_REGION_FILE, NULL, id)) == UINT32_MAX)
            return IMAPI_E_IMAGE_SIZE_LIMIT;
        ew->rec[i].load_rba = fs_layout_lba(L, start);
    }
    return 0;
}

static void elt_write_vd(fs_writer *w, const fs_layout *L, uint8_t *vd)
{
    const eltorito_writer *ew = (const eltorito_writer *)w;
    fs_eltorito_put_brvd(vd, fs_layout_lba(L, ew->catalog_block));
}

static int32_t elt_generate(fs_writer *w, const fs_layout *L, uint32_t arg, uint8_t *buf)
{
    const eltorito_writer *ew = (const eltorito_writer *)w;
    size_t cap = ((fs_eltorito_catalog_size(ew->rec, ew->n) + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE) * FS_BLOCK_SIZE;
    (void)L;
    (void)arg;
    return fs_eltorito_build_catalog(ew->rec, ew->n, buf, cap) ? 0 : IMAPI_E_FSI_INTERNAL_ERROR;
}

static void elt_destroy(fs_writer *w) { free(w); }

fs_writer *fs_eltorito_writer_new(fs_layout *L)
{
    eltorito_writer *ew = calloc(1, sizeof(*ew));
    (void)L;
    if (!ew) return NULL;
    ew->w.compute = elt_compute;
    ew->w.write_vd = elt_write_vd;
    ew->w.generate = elt_generate;
    ew->w.destroy = elt_destroy;
    ew->w.vd_count = 1;
    return &ew->w;
}
