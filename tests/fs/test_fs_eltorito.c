/* El Torito boot images written by core/fs (fs_eltorito.c), judged three ways:
 *  - the image's bytes read here with the spec's raw byte offsets (El Torito 1.0
 *    Figures 2-7), not through fs_eltorito.h's structures or parsers;
 *  - xorriso -report_el_torito plain / as_mkisofs and isoinfo -d (independent readers,
 *    a missing one is a failure): platform, emulation, load size and image LBA of each
 *    entry as assigned, and the image bytes at that LBA equal the boot image;
 *  - the rules of the builders (checksum, load sizes, errors). */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs/fs_eltorito.h"
#include "fs/fs_hresult.h"
#include "io/byteorder.h"

static char out[1 << 16];

static unsigned le16(const unsigned char *p) { return p[0] | (p[1] << 8); }
static unsigned long le32(const unsigned char *p)
{
    return p[0] | ((unsigned long)p[1] << 8) | ((unsigned long)p[2] << 16) | ((unsigned long)p[3] << 24);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n ? (size_t)n : 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* One boot image of the test: a file on disk and what is asked for it. */
struct boot
{
    const char *name;
    unsigned platform, emulation;
    size_t size;
    int seed;
    const char *id;
    /* expected */
    unsigned load_size;
    const char *xorriso_pltf, *xorriso_emul;
    unsigned system_type;
    char path[1024];
    unsigned long lba;     /* read back from the catalog */
};

static void make_boot_file(struct boot *b, const char *dir)
{
    snprintf(b->path, sizeof(b->path), "%s/%s", dir, b->name);
    if (b->emulation == FS_ELTORITO_EMUL_HARDDISK)
    {
        /* an MBR with one FAT32 LBA partition (type 0Ch) in its second slot */
        unsigned char *img = calloc(1, b->size);
        size_t i;
        for (i = 0; i < b->size; i++) img[i] = (unsigned char)(i * 13 + 5);
        memset(img + 446, 0, 64);
        img[446 + 16 + 4] = 0x0c;
        img[510] = 0x55;
        img[511] = 0xaa;
        CHECK_EQ_INT(tu_write_file(b->path, img, b->size, 0), 0);
        free(img);
    }
    else CHECK_EQ_INT(tu_write_file(b->path, NULL, b->size, b->seed), 0);
}

static int32_t build_image(struct boot *boots, unsigned n, const char *img, const fs_layout_options *base,
                           unsigned *total_blocks)
{
    fs_tree *t = fs_tree_new();
    fs_boot_entry e[FS_ELTORITO_MAX_ENTRIES + 1];
    fs_layout_options o = *base;
    fs_data_source file;
    fs_layout *L = NULL;
    int32_t hr;
    unsigned i;

    memset(e, 0, sizeof(e));
    /* a small tree: the catalog and the images must not show up in it */
    tu_file_source(boots[0].path, &file);
    CHECK_EQ_INT(tu_add_dir(t, "/docs", NULL), 0);
    CHECK_EQ_INT(tu_add_file(t, "/docs/readme.txt", &file), 0);
    for (i = 0; i < n; i++)
    {
        e[i].platform = boots[i].platform;
        e[i].emulation = boots[i].emulation;
        if (boots[i].id) strncpy(e[i].id, boots[i].id, sizeof(e[i].id));
        CHECK_EQ_INT(tu_file_source(boots[i].path, &e[i].src), 0);
    }
    o.boot = e;
    o.boot_count = n;
    hr = fs_layout_build(t, &o, &L);
    for (i = 0; i < n; i++) e[i].src.release(e[i].src.ctx);   /* the layout holds its own */
    fs_tree_free(t);
    if (hr) return hr;
    if (total_blocks) *total_blocks = fs_layout_total_blocks(L);
    hr = img ? tu_write_image(L, img) : 0;
    fs_layout_release(L);
    return hr;
}

/* The spec's offsets, read here by hand. */
static void check_raw(const char *img, struct boot *boots, unsigned n, unsigned total_blocks)
{
    size_t len, blen;
    unsigned char *d = slurp(img, &len), *cat, *bootimg;
    unsigned long cat_lba, sum = 0;
    unsigned i, pos, done = 0;
    int last = 0;

    CHECK(d != NULL);
    if (!d) return;
    CHECK_EQ_INT(len, (size_t)total_blocks * 2048);
    CHECK_EQ_INT(le32(d + 16 * 2048 + 80), total_blocks);           /* PVD volume space size */
    CHECK_EQ_INT(d[16 * 2048], 1);                                   /* PVD at 16 */
    /* Boot Record Volume Descriptor at 17 (El Torito 2.0, Figure 7) */
    CHECK_EQ_INT(d[17 * 2048], 0);
    CHECK(!memcmp(d + 17 * 2048 + 1, "CD001\1", 6));
    CHECK(!memcmp(d + 17 * 2048 + 7, "EL TORITO SPECIFICATION", 24));  /* with its 0 pad */
    CHECK_EQ_INT(d[18 * 2048], 2);                                   /* Joliet SVD after it */
    CHECK_EQ_INT(d[19 * 2048], 255);                                 /* terminator */
    cat_lba = le32(d + 17 * 2048 + 0x47);
    CHECK(cat_lba > 19 && cat_lba < total_blocks);
    if (!(cat_lba > 19 && cat_lba < total_blocks)) { free(d); return; }
    cat = d + cat_lba * 2048;
    /* Validation entry (Figure 2) */
    CHECK_EQ_INT(cat[0], 1);
    CHECK_EQ_INT(cat[1], boots[0].platform);
    CHECK_EQ_INT(cat[30], 0x55);
    CHECK_EQ_INT(cat[31], 0xaa);
    for (i = 0; i < 32; i += 2) sum += le16(cat + i);
    CHECK_EQ_INT(sum & 0xffff, 0);
    if (boots[0].id) CHECK(!strncmp((const char *)cat + 4, boots[0].id, 24));
    /* Initial/default entry (Figure 3) */
    CHECK_EQ_INT(cat[32], 0x88);
    CHECK_EQ_INT(cat[33], boots[0].emulation);
    CHECK_EQ_INT(le16(cat + 34), 0);
    CHECK_EQ_INT(cat[36], boots[0].system_type);
    CHECK_EQ_INT(le16(cat + 38), boots[0].load_size);
    boots[0].lba = le32(cat + 40);
    done = 1;
    /* Sections (Figures 4, 5): one header per run of entries of one platform */
    pos = 64;
    while (!last && pos < 2048 && done < n)
    {
        unsigned cnt = le16(cat + pos + 2), plat = cat[pos + 1], k;
        CHECK(cat[pos] == 0x90 || cat[pos] == 0x91);
        last = cat[pos] == 0x91;
        pos += 32;
        CHECK(cnt >= 1);
        for (k = 0; k < cnt && pos < 2048; k++, pos += 32)
        {
            /* entries in the assigned order (IMAPI: the disc's sequence is the array's) */
            i = done;
            CHECK(i < n);
            if (i >= n) break;
            CHECK_EQ_INT(plat, boots[i].platform);
            CHECK_EQ_INT(cat[pos], 0x88);
            CHECK_EQ_INT(cat[pos + 1], boots[i].emulation);
            CHECK_EQ_INT(cat[pos + 4], boots[i].system_type);
            CHECK_EQ_INT(le16(cat + pos + 6), boots[i].load_size);
            CHECK_EQ_INT(cat[pos + 12], 0);
            boots[i].lba = le32(cat + pos + 8);
            done++;
        }
    }
    CHECK_EQ_INT(done, n);
    if (n > 1) CHECK(last);
    /* the bytes at each LBA are the boot image */
    for (i = 0; i < n; i++)
    {
        bootimg = slurp(boots[i].path, &blen);
        CHECK(bootimg && boots[i].lba && (boots[i].lba * 2048 + blen) <= len);
        if (bootimg && boots[i].lba && (boots[i].lba * 2048 + blen) <= len)
            CHECK(!memcmp(d + boots[i].lba * 2048, bootimg, blen));
        free(bootimg);
    }
    free(d);
}

/* xorriso's and isoinfo's view of the boot catalog. */
static void check_readers(const char *img, const struct boot *boots, unsigned n)
{
    unsigned i;
    char want[256], *p;

    CHECK(tu_have("xorriso"));
    CHECK(tu_have("isoinfo"));
    CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -indev '%s' -report_el_torito plain 2>&1", img), 0);
    for (i = 0; i < n; i++)
    {
        /* "El Torito boot img :   1  BIOS  y   none  0x0000  0x00      4          34" */
        snprintf(want, sizeof(want), "El Torito boot img : %3u  %4s  y  %5s  0x0000  0x%02x  %5u  %10lu", i + 1,
                 boots[i].xorriso_pltf, boots[i].xorriso_emul, boots[i].system_type, boots[i].load_size, boots[i].lba);
        CHECK(strstr(out, want) != NULL);
        if (!strstr(out, want)) fprintf(stderr, "want '%s' in:\n%s\n", want, out);
    }
    snprintf(want, sizeof(want), "El Torito boot img : %3u ", n + 1);
    CHECK(strstr(out, want) == NULL);
    /* no catalog path: it is no file of the tree */
    CHECK(strstr(out, "El Torito cat path") == NULL);
    /* as mkisofs options: a hidden catalog, one -eltorito-alt-boot per further entry.
     * xorriso cannot name hidden images as mkisofs paths (it says so, exit 32), as for
     * Windows install media made by oscdimg, whose images are hidden too. */
    tu_run(out, sizeof(out), "xorriso -indev '%s' -report_el_torito as_mkisofs 2>&1", img);
    CHECK(strstr(out, "\n--boot-catalog-hide") != NULL);
    for (i = 0, p = out; (p = strstr(p, "\n-eltorito-alt-boot")); p++) i++;
    CHECK_EQ_INT(i, n - 1);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -d -i '%s' 2>&1", img), 0);
    CHECK(strstr(out, "El Torito VD version 1 found, boot catalog is in sector") != NULL);
    snprintf(want, sizeof(want), "Boot media %u ", boots[0].emulation);
    CHECK(strstr(out, want) != NULL);
    snprintf(want, sizeof(want), "Nsect %X", boots[0].load_size);
    CHECK(strstr(out, want) != NULL);
    /* the tree lists what was added: /docs, /docs/readme.txt (ISO9660 and Joliet) */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -f -i '%s' | wc -l", img), 0);
    CHECK_EQ_INT(atoi(out), 2);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -J -f -i '%s' | wc -l", img), 0);
    CHECK_EQ_INT(atoi(out), 2);
}

static void test_units(void)
{
    uint8_t v[32] = { 1, 0xef, 0, 0, 'A', 'B' }, mbr[512];
    fs_boot_entry e;
    fs_eltorito_record r[3];
    uint8_t cat[2048];
    unsigned long sum = 0;
    int i;

    v[30] = 0x55;
    v[31] = 0xaa;
    put_le16(v + 28, fs_eltorito_validation_checksum(v));
    for (i = 0; i < 32; i += 2) sum += le16(v + i);
    CHECK_EQ_INT(sum & 0xffff, 0);

    CHECK_EQ_INT(fs_eltorito_load_size(0, FS_ELTORITO_EMUL_NONE, 2048), 4);
    CHECK_EQ_INT(fs_eltorito_load_size(0, FS_ELTORITO_EMUL_NONE, 2049), 5);
    CHECK_EQ_INT(fs_eltorito_load_size(0, FS_ELTORITO_EMUL_NONE, 512), 1);
    CHECK_EQ_INT(fs_eltorito_load_size(0, FS_ELTORITO_EMUL_NONE, 0xffffull * 512), 0xffff);
    CHECK_EQ_INT(fs_eltorito_load_size(0, FS_ELTORITO_EMUL_NONE, 0xffffull * 512 + 1), 0xffff);
    CHECK_EQ_INT(fs_eltorito_load_size(0xef, FS_ELTORITO_EMUL_NONE, 0xffffull * 512 + 1), 0);
    CHECK_EQ_INT(fs_eltorito_load_size(0, FS_ELTORITO_EMUL_FLOPPY144, 1474560), 1);
    CHECK_EQ_INT(fs_eltorito_load_size(0, FS_ELTORITO_EMUL_HARDDISK, 10 << 20), 1);

    CHECK_EQ_INT(fs_eltorito_floppy_emulation(1228800), FS_ELTORITO_EMUL_FLOPPY12);
    CHECK_EQ_INT(fs_eltorito_floppy_emulation(1474560), FS_ELTORITO_EMUL_FLOPPY144);
    CHECK_EQ_INT(fs_eltorito_floppy_emulation(2949120), FS_ELTORITO_EMUL_FLOPPY288);
    CHECK_EQ_INT(fs_eltorito_floppy_emulation(1474561), FS_ELTORITO_EMUL_NONE);
    CHECK_EQ_INT(fs_eltorito_floppy_bytes(FS_ELTORITO_EMUL_HARDDISK), 0);

    memset(mbr, 0, sizeof(mbr));
    CHECK_EQ_INT(fs_eltorito_mbr_system_type(mbr), 0);
    mbr[510] = 0x55; mbr[511] = 0xaa; mbr[446 + 48 + 4] = 0x83;
    CHECK_EQ_INT(fs_eltorito_mbr_system_type(mbr), 0x83);

    memset(&e, 0, sizeof(e));
    CHECK_EQ_INT(fs_eltorito_check_entry(&e), IMAPI_E_BOOT_IMAGE_DATA);          /* no image */
    tu_fake_source(2048, 2048, -1, &e.src);
    CHECK_EQ_INT(fs_eltorito_check_entry(&e), 0);
    e.emulation = FS_ELTORITO_EMUL_FLOPPY144;
    CHECK_EQ_INT(fs_eltorito_check_entry(&e), IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH);
    e.emulation = 5;
    CHECK_EQ_INT(fs_eltorito_check_entry(&e), IMAPI_E_BOOT_IMAGE_DATA);
    e.emulation = 0; e.platform = 0x100;
    CHECK_EQ_INT(fs_eltorito_check_entry(&e), IMAPI_E_BOOT_IMAGE_DATA);
    e.src.release(e.src.ctx);
    tu_fake_source(1228800, 1228800, -1, &e.src);
    e.platform = 0; e.emulation = FS_ELTORITO_EMUL_FLOPPY12;
    CHECK_EQ_INT(fs_eltorito_check_entry(&e), 0);
    e.emulation = FS_ELTORITO_EMUL_FLOPPY288;
    CHECK_EQ_INT(fs_eltorito_check_entry(&e), IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH);
    e.src.release(e.src.ctx);

    /* builder against the parser, and both against the raw offsets */
    memset(r, 0, sizeof(r));
    r[0].platform = 0; r[0].sector_count = 4; r[0].load_rba = 30; memcpy(r[0].id, "Maker", 5);
    r[1].platform = 0xef; r[1].sector_count = 9; r[1].load_rba = 40;
    r[2].platform = 0; r[2].media = 4; r[2].system_type = 6; r[2].sector_count = 1; r[2].load_rba = 50;
    memset(cat, 0, sizeof(cat));
    CHECK_EQ_INT(fs_eltorito_catalog_size(r, 3), 6 * 32);
    CHECK_EQ_INT(fs_eltorito_build_catalog(r, 3, cat, sizeof(cat)), 6 * 32);
    CHECK_EQ_INT(cat[64], 0x90); CHECK_EQ_INT(cat[65], 0xef); CHECK_EQ_INT(le16(cat + 66), 1);
    CHECK_EQ_INT(le32(cat + 96 + 8), 40);
    CHECK_EQ_INT(cat[128], 0x91); CHECK_EQ_INT(cat[129], 0); CHECK_EQ_INT(le16(cat + 130), 1);
    CHECK_EQ_INT(cat[161], 4); CHECK_EQ_INT(cat[164], 6); CHECK_EQ_INT(le32(cat + 168), 50);
    {
        fs_eltorito_record p[4];
        CHECK_EQ_INT(fs_eltorito_parse_catalog(cat, sizeof(cat), p, 4), 3);
        CHECK_EQ_INT(p[1].platform, 0xef);
        CHECK_EQ_INT(p[2].load_rba, 50);
        CHECK(!memcmp(p[0].id, "Maker", 5));
        cat[5] ^= 1;                                  /* checksum no longer matches */
        CHECK_EQ_INT(fs_eltorito_parse_catalog(cat, sizeof(cat), p, 4), -1);
    }
    CHECK_EQ_INT(fs_eltorito_build_catalog(r, 0, cat, sizeof(cat)), 0);
    CHECK_EQ_INT(fs_eltorito_build_catalog(r, 3, cat, 100), 0);
    {
        uint8_t vd[2048];
        uint32_t lba = 0;
        fs_eltorito_put_brvd(vd, 1234);
        CHECK_EQ_INT(fs_eltorito_parse_brvd(vd, &lba), 0);
        CHECK_EQ_INT(lba, 1234);
        CHECK_EQ_INT(le32(vd + 0x47), 1234);
    }
}

int main(void)
{
    const char *dir = tu_scratch("eltorito");
    char img[1024];
    fs_layout_options o;
    unsigned blocks = 0, blocks_plain = 0, i;
    struct boot boots[] = {
        { "bios.bin", FS_ELTORITO_PLATFORM_X86, FS_ELTORITO_EMUL_NONE, 4096, 3, "IMAPI test", 8, "BIOS", "none", 0, "", 0 },
        { "efi.img", FS_ELTORITO_PLATFORM_EFI, FS_ELTORITO_EMUL_NONE, 100001, 5, "EFI maker", 196, "UEFI", "none", 0, "", 0 },
        { "fd144.img", FS_ELTORITO_PLATFORM_X86, FS_ELTORITO_EMUL_FLOPPY144, 1474560, 7, NULL, 1, "BIOS", "fd1.4", 0, "", 0 },
        { "hd.img", FS_ELTORITO_PLATFORM_X86, FS_ELTORITO_EMUL_HARDDISK, 65536, 0, NULL, 1, "BIOS", "hd", 0x0c, "", 0 },
        { "efi2.img", FS_ELTORITO_PLATFORM_EFI, FS_ELTORITO_EMUL_NONE, 2048, 9, NULL, 4, "UEFI", "none", 0, "", 0 },
        { "ppc.img", FS_ELTORITO_PLATFORM_POWERPC, FS_ELTORITO_EMUL_NONE, 5000, 11, NULL, 10, "PPC", "none", 0, "", 0 },
        { "fd12.img", FS_ELTORITO_PLATFORM_X86, FS_ELTORITO_EMUL_FLOPPY12, 1228800, 13, NULL, 1, "BIOS", "fd1.2", 0, "", 0 },
        { "fd288.img", FS_ELTORITO_PLATFORM_MAC, FS_ELTORITO_EMUL_FLOPPY288, 2949120, 15, NULL, 1, "Mac", "fd2.8", 0, "", 0 },
    };
    unsigned nb = sizeof(boots) / sizeof(boots[0]);

    test_units();
    for (i = 0; i < nb; i++) make_boot_file(&boots[i], dir);
    fs_layout_options_default(&o);
    o.creation_time = 132000000000000000LL;

    /* BIOS alone */
    snprintf(img, sizeof(img), "%s/bios.iso", dir);
    CHECK_EQ_INT(build_image(boots, 1, img, &o, &blocks), 0);
    check_raw(img, boots, 1, blocks);
    check_readers(img, boots, 1);
    /* the boot regions count: the same tree without boot entries is catalog + image smaller */
    CHECK_EQ_INT(build_image(boots, 0, NULL, &o, &blocks_plain), 0);
    CHECK_EQ_INT(blocks, blocks_plain + 1 + 1 + 2);   /* boot record VD, catalog, 4 KB image */

    /* BIOS and EFI and more, several per platform: sections grouped by platform */
    for (i = 0; i < nb; i++) boots[i].lba = 0;
    snprintf(img, sizeof(img), "%s/multi.iso", dir);
    CHECK_EQ_INT(build_image(boots, nb, img, &o, &blocks), 0);
    check_raw(img, boots, nb, blocks);
    check_readers(img, boots, nb);

    /* 32 entries: one catalog sector still */
    {
        struct boot many[FS_ELTORITO_MAX_ENTRIES + 1];
        for (i = 0; i < FS_ELTORITO_MAX_ENTRIES + 1; i++)
        {
            many[i] = boots[i % 2];
            many[i].lba = 0;
        }
        snprintf(img, sizeof(img), "%s/many.iso", dir);
        CHECK_EQ_INT(build_image(many, FS_ELTORITO_MAX_ENTRIES, img, &o, &blocks), 0);
        check_raw(img, many, FS_ELTORITO_MAX_ENTRIES, blocks);
        CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -indev '%s' -report_el_torito plain 2>&1 | grep -c 'El Torito boot img :'", img), 0);
        CHECK_EQ_INT(atoi(out), FS_ELTORITO_MAX_ENTRIES);
        CHECK_EQ_INT(build_image(many, FS_ELTORITO_MAX_ENTRIES + 1, NULL, &o, NULL), IMAPI_E_INVALID_PARAM);
    }

    /* errors */
    {
        fs_layout_options o2 = o;
        struct boot bad = boots[0];
        o2.session_start = 1000;                         /* not the first session */
        CHECK_EQ_INT(build_image(boots, 1, NULL, &o2, NULL), IMAPI_E_BOOT_OBJECT_CONFLICT);
        bad.emulation = FS_ELTORITO_EMUL_FLOPPY144;       /* a 4 KB "diskette" */
        CHECK_EQ_INT(build_image(&bad, 1, NULL, &o, NULL), IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH);
        o2 = o;
        o2.max_blocks = blocks_plain + 3;                 /* FreeMediaBlocks counts the boot regions */
        CHECK_EQ_INT(build_image(boots, 1, NULL, &o2, NULL), IMAPI_E_IMAGE_SIZE_LIMIT);
        o2.max_blocks = blocks_plain + 4;
        CHECK_EQ_INT(build_image(boots, 1, NULL, &o2, NULL), 0);
    }
    return check_finish("test_fs_eltorito");
}
