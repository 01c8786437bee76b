/* Robustness of the import readers: 3000 mutated images (seeds from our writer,
 * genisoimage and xorriso; 1-8 bytes of the volume descriptors and directories changed,
 * sometimes the image cut short) go through fuzz_fs_import_body.h under ASan/UBSan:
 * no read outside the media, only documented results, and some mutants must still
 * import (the mutation is not all-destroying). Plus targeted damage: a directory that
 * points at the root (a loop), an extent past the end, an identifier longer than its
 * record: each IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR.
 * UDF: 2000 mutants of UDF seeds (ours 1.02 bridge, 2.01, 2.50 with a mirror,
 * genisoimage -udf, mkudffs on CD-RW) changed inside their descriptors, half of them
 * with the tags' CRC and checksum recomputed so the reader goes past the tag checks;
 * targeted: a directory FID naming the root ICB (a loop), an allocation extent
 * descriptor chain that points at itself, an extent past the partition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs_test_util.h"
#include "fuzz_fs_import_body.h"
#include "fs/fs_ecma119_desc.h"
#include "fs/fs_udf_desc.h"
#include "io/byteorder.h"

static uint32_t rng = 0x2545F491u;
static uint32_t next_rand(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

/* Import file system fs of an image in memory (no read outside it allowed). */
static int32_t import_mem(const uint8_t *data, size_t size, uint32_t fs, fs_import_info *info)
{
    struct fuzz_mem m = { data, (uint32_t)(size / 2048), 0 };
    fs_read_io io;
    fs_disc *d;
    fs_tree *t = fs_tree_new();
    int32_t hr;
    memset(&io, 0, sizeof(io));
    io.ctx = &m;
    io.media_blocks = m.blocks;
    io.read = fuzz_mem_read;
    fs_disc_new(&io, &d);
    hr = fs_read_import(d, 0, fs, t, NULL, info);
    fs_disc_release(d);
    fs_tree_free(t);
    CHECK_EQ_INT(m.outside, 0);
    return hr;
}

static int32_t import_joliet(const uint8_t *data, size_t size)
{
    fs_import_info info;
    return import_mem(data, size, FS_FS_ISO9660, &info);
}

/* The first child record of the ISO9660 root directory of our image. */
static uint8_t *first_child(uint8_t *img)
{
    uint8_t *pvd = img + 16 * 2048;
    uint8_t *root = img + (size_t)get_le32(pvd + ECMA119_VD_ROOT_DR + ECMA119_DR_EXTENT) * 2048;
    uint8_t *r = root + root[0];
    return r + r[0];
}

static void targeted(const uint8_t *seed, size_t size)
{
    uint8_t *img = malloc(size), *r;
    uint32_t root_lba = get_le32(seed + 16 * 2048 + ECMA119_VD_ROOT_DR + ECMA119_DR_EXTENT);
    CHECK_EQ_INT(import_joliet(seed, size), 0);
    /* first child is the directory "A_DIR": point it at the root */
    memcpy(img, seed, size);
    r = first_child(img);
    CHECK(r[ECMA119_DR_FLAGS] & ECMA119_FLAG_DIRECTORY);
    put_both32(r + ECMA119_DR_EXTENT, root_lba);
    CHECK_EQ_INT(import_joliet(img, size), IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
    /* its extent past the end of the media */
    memcpy(img, seed, size);
    r = first_child(img);
    put_both32(r + ECMA119_DR_EXTENT, (uint32_t)(size / 2048));
    CHECK_EQ_INT(import_joliet(img, size), IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
    /* a path table size near 2^32 (found by libFuzzer: the block count wrapped) */
    memcpy(img, seed, size);
    put_both32(img + 16 * 2048 + ECMA119_VD_PT_SIZE, 0xffffffffu);
    CHECK_EQ_INT(import_joliet(img, size), 0);
    /* an identifier longer than its record */
    memcpy(img, seed, size);
    r = first_child(img);
    r[ECMA119_DR_ID_LENGTH] = r[ECMA119_DR_LENGTH];
    CHECK_EQ_INT(import_joliet(img, size), IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
    free(img);
}

/* ---- UDF ---- */

static int32_t import_udf_img(const uint8_t *data, size_t size, fs_import_info *info)
{
    return import_mem(data, size, FS_FS_UDF, info);
}

/* Recompute CRC and checksum of the tag at d (its CRC length kept). */
static void retag(uint8_t *d, size_t avail)
{
    uint16_t len = get_le16(d + FS_UDF_TAG_CRC_LEN);
    if ((size_t)len + FS_UDF_TAG_SIZE > avail) return;
    put_le16(d + FS_UDF_TAG_CRC, fs_udf_crc(d + FS_UDF_TAG_SIZE, len));
    d[FS_UDF_TAG_CHECKSUM] = fs_udf_tag_checksum(d);
}

/* Retag a block: its descriptor, or every FID of a directory block. */
static void retag_block(uint8_t *b)
{
    uint32_t off = 0;
    if (get_le16(b) != FS_UDF_TAG_FID) { retag(b, 2048); return; }
    while (off + 38 <= 2048 && get_le16(b + off) == FS_UDF_TAG_FID)
    {
        uint32_t size = fs_udf_fid_size(b[off + FS_UDF_FID_LEN_ID] + get_le16(b + off + FS_UDF_FID_LEN_IU));
        retag(b + off, 2048 - off);
        off += size;
    }
}

/* Blocks of an image that hold UDF descriptors (a valid tag at their start). */
static size_t descriptor_blocks(const uint8_t *img, size_t size, uint32_t *out, size_t cap)
{
    size_t n = 0;
    uint32_t b;
    for (b = 16; b < size / 2048 && n < cap; b++)
    {
        const uint8_t *d = img + (size_t)b * 2048;
        uint16_t id = get_le16(d);
        if (((id >= 1 && id <= 9) || (id >= 256 && id <= 266)) && d[FS_UDF_TAG_CHECKSUM] == fs_udf_tag_checksum(d))
            out[n++] = b;
    }
    return n;
}

/* Our 1.02 image (file entries, short_ads): physical partition start, the root's FE block (absolute). */
static uint32_t udf_part_start(const uint8_t *img)
{
    uint32_t vds = get_le32(img + 256 * 2048 + FS_UDF_AVDP_MAIN_VDS + 4), k;
    for (k = 0; k < 16; k++)
        if (get_le16(img + (size_t)(vds + k) * 2048) == FS_UDF_TAG_PD)
            return get_le32(img + (size_t)(vds + k) * 2048 + FS_UDF_PD_START);
    return 0;
}

/* The FE of the item a FID names, and the FID of a directory's first non-parent child. */
static uint8_t *fe_of(uint8_t *img, uint32_t part, const uint8_t *long_ad)
{
    return img + (size_t)(part + get_le32(long_ad + 4)) * 2048;
}

static uint8_t *first_fid(uint8_t *img, uint32_t part, const uint8_t *fe)
{
    uint8_t *dir = img + (size_t)(part + get_le32(fe + FS_UDF_FE_FIXED + get_le32(fe + FS_UDF_FE_LEN_EA) + 4)) * 2048;
    return dir + fs_udf_fid_size(0);            /* after the parent's FID */
}

static void targeted_udf(const uint8_t *seed, size_t size)
{
    uint8_t *img = malloc(size), *root_fe, *fid, *sub_fe, *file_fe, *ad, *aed;
    uint32_t part = udf_part_start(seed), fsd_block, root_block, data_block;
    fs_import_info info;
    CHECK(part != 0);
    CHECK_EQ_INT(import_udf_img(seed, size, &info), 0);
    memcpy(img, seed, size);
    fsd_block = part;                             /* FSD at partition block 0 */
    CHECK_EQ_INT(get_le16(img + (size_t)fsd_block * 2048), FS_UDF_TAG_FSD);
    root_block = get_le32(img + (size_t)fsd_block * 2048 + FS_UDF_FSD_ROOT_ICB + 4);
    root_fe = img + (size_t)(part + root_block) * 2048;
    CHECK_EQ_INT(get_le16(root_fe), FS_UDF_TAG_FE);
    fid = first_fid(img, part, root_fe);          /* "a_dir" */
    CHECK(fid[FS_UDF_FID_CHARACTERISTICS] & FS_UDF_FID_DIRECTORY);
    sub_fe = fe_of(img, part, fid + FS_UDF_FID_ICB);
    /* a_dir's first child is the file "file 0.txt" (a_dir/b comes later: files were
     * added in readdir order, so find any file FID in a_dir) */
    {
        uint8_t *f = first_fid(img, part, sub_fe);
        while (get_le16(f) == FS_UDF_TAG_FID && (f[FS_UDF_FID_CHARACTERISTICS] & FS_UDF_FID_DIRECTORY))
            f += fs_udf_fid_size(f[FS_UDF_FID_LEN_ID]);
        CHECK_EQ_INT(get_le16(f), FS_UDF_TAG_FID);
        file_fe = fe_of(img, part, f + FS_UDF_FID_ICB);
    }
    CHECK_EQ_INT(get_le16(file_fe), FS_UDF_TAG_FE);

    /* 1. the directory's FID names the root's ICB: a loop */
    put_le32(fid + FS_UDF_FID_ICB + 4, root_block);
    retag(fid, 2048);
    CHECK_EQ_INT(import_udf_img(img, size, &info), IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);

    /* 2. the file's allocation descriptors continue in an AED that continues in itself */
    memcpy(img, seed, size);
    ad = file_fe + FS_UDF_FE_FIXED + get_le32(file_fe + FS_UDF_FE_LEN_EA);
    data_block = get_le32(ad + 4);
    fs_udf_put_short_ad(ad, FS_UDF_EXT_NEXT, 2048, data_block);
    retag(file_fe, 2048);
    aed = img + (size_t)(part + data_block) * 2048;
    memset(aed, 0, 2048);
    put_le32(aed + 20, FS_UDF_SHORT_AD_SIZE);
    fs_udf_put_short_ad(aed + 24, FS_UDF_EXT_NEXT, 2048, data_block);
    fs_udf_tag_finish(aed, FS_UDF_TAG_AED, 2, 1, data_block, 24 + FS_UDF_SHORT_AD_SIZE - FS_UDF_TAG_SIZE);
    CHECK_EQ_INT(import_udf_img(img, size, &info), IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);

    /* 3. the file's extent past the partition */
    memcpy(img, seed, size);
    put_le32(ad + 4, 0x7fffffffu);
    retag(file_fe, 2048);
    CHECK_EQ_INT(import_udf_img(img, size, &info), IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
    free(img);
}

static void fuzz_udf(const char *dir)
{
    enum { NSEEDS = 5, NMUT = 2000 };
    static const char *const names[NSEEDS] = { "u102.iso", "u201.udf", "u250.udf", "gudf.iso", "mk.udf" };
    char path[1200], cmd[4096], out[4096];
    uint8_t *seeds[NSEEDS];
    size_t sizes[NSEEDS], i, nblk[NSEEDS];
    static uint32_t blk[NSEEDS][4096];
    unsigned n;
    static const struct { uint32_t fs; unsigned rev; int dup; } own[3] = {
        { FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF, 0x102, 0 }, { FS_FS_UDF, 0x201, 0 }, { FS_FS_UDF, 0x250, 1 }
    };
    unsigned long imported0, udf0;
    for (i = 0; i < 3; i++)
    {
        fs_tree *t = fs_tree_new();
        fs_layout_options o;
        fs_layout *L;
        snprintf(path, sizeof(path), "%s/src", dir);
        CHECK_EQ_INT(tu_add_disk_tree(t, fs_tree_root(t), path), 0);
        fs_layout_options_default(&o);
        o.creation_time = fs_time_from_unix(1700000000);
        o.file_systems = own[i].fs;
        o.udf_revision = own[i].rev;
        o.udf_redundant_metadata = own[i].dup;
        CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        CHECK_EQ_INT(tu_write_image(L, path), 0);
        fs_layout_release(L);
        fs_tree_free(t);
    }
    snprintf(cmd, sizeof(cmd), "genisoimage -quiet -udf -J -o '%s/gudf.iso' '%s/src' && rm -f '%s/mk.udf' && "
             "mkudffs -b 2048 --media-type=cdrw --udfrev=2.01 --new-file '%s/mk.udf' 2000 >/dev/null", dir, dir, dir, dir);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "%s", cmd), 0);
    for (i = 0; i < NSEEDS; i++)
    {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        seeds[i] = tu_slurp(path, &sizes[i]);
        CHECK(seeds[i] != NULL);
        if (!seeds[i]) return;
        nblk[i] = descriptor_blocks(seeds[i], sizes[i], blk[i], 4096);
        CHECK(nblk[i] > 5);
    }
    targeted_udf(seeds[0], sizes[0]);
    /* the seeds import (UDF and, for the bridges, ISO9660 and Joliet) */
    imported0 = fuzz_imported;
    for (i = 0; i < NSEEDS; i++) fuzz_one(seeds[i], sizes[i]);
    CHECK_EQ_INT(fuzz_imported - imported0, 5 + 2 + 2);
    imported0 = fuzz_imported;
    udf0 = fuzz_imported_udf;
    for (n = 0; n < NMUT; n++)
    {
        size_t s = n % NSEEDS, size = sizes[s];
        unsigned k, count = 1 + next_rand() % 6;
        uint8_t *img = malloc(size);
        memcpy(img, seeds[s], size);
        for (k = 0; k < count; k++)
        {
            uint32_t b = blk[s][next_rand() % nblk[s]];
            size_t at = (size_t)b * 2048 + (next_rand() % 4 ? next_rand() % 512 : next_rand() % 2048);
            static const uint8_t values[] = { 0, 1, 2, 3, 4, 0x7f, 0x80, 0xfe, 0xff };
            img[at] = next_rand() % 2 ? (uint8_t)next_rand() : values[next_rand() % sizeof(values)];
            if (n % 2) retag_block(img + (size_t)b * 2048);
        }
        if (n % 20 == 19)
        {
            size_t cut = (16 + next_rand() % 300) * (size_t)2048;   /* cut short */
            if (cut < size) size = cut;
        }
        fuzz_one(img, size);
        free(img);
    }
    printf("%d UDF mutants: %lu imports succeeded (%lu of them UDF), %lu reads outside, %lu undocumented results\n",
           NMUT, fuzz_imported - imported0, fuzz_imported_udf - udf0, fuzz_outside, fuzz_bad_result);
    CHECK_EQ_INT(fuzz_outside, 0);
    CHECK_EQ_INT(fuzz_bad_result, 0);
    CHECK(fuzz_imported_udf - udf0 > 200);
    for (i = 0; i < NSEEDS; i++) free(seeds[i]);
}

int main(void)
{
    const char *tmp = getenv("IMAPI_TEST_TMP");
    char dir[1024], path[1200], cmd[4096], out[4096];
    uint8_t *seeds[3], *img;
    size_t sizes[3], i;
    unsigned n;
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    fs_layout *L;

    snprintf(dir, sizeof(dir), "%s/fs_import_fuzz", tmp ? tmp : "/tmp");
    tu_run(out, sizeof(out), "rm -rf '%s' && mkdir -p '%s/src/a_dir/b' '%s/src/c'", dir, dir, dir);
    for (n = 0; n < 12; n++)
    {
        snprintf(path, sizeof(path), "%s/src/%s/file %u.txt", dir, n % 3 == 0 ? "a_dir" : n % 3 == 1 ? "a_dir/b" : "c", n);
        tu_write_file(path, NULL, 100 + n * 1500, (int)n);
    }
    /* Seed 1: ours. */
    snprintf(path, sizeof(path), "%s/src", dir);
    CHECK_EQ_INT(tu_add_disk_tree(t, fs_tree_root(t), path), 0);
    fs_layout_options_default(&o);
    o.creation_time = fs_time_from_unix(1700000000);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    snprintf(path, sizeof(path), "%s/ours.iso", dir);
    CHECK_EQ_INT(tu_write_image(L, path), 0);
    fs_layout_release(L);
    fs_tree_free(t);
    seeds[0] = tu_slurp(path, &sizes[0]);
    /* Seeds 2 and 3: genisoimage (Rock Ridge + Joliet) and xorriso. */
    snprintf(cmd, sizeof(cmd), "genisoimage -quiet -R -J -o '%s/g.iso' '%s/src' && xorriso -abort_on FAILURE "
             "-outdev '%s/x.iso' -joliet on -map '%s/src' / -commit >/dev/null 2>&1", dir, dir, dir, dir);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "%s", cmd), 0);
    snprintf(path, sizeof(path), "%s/g.iso", dir);
    seeds[1] = tu_slurp(path, &sizes[1]);
    snprintf(path, sizeof(path), "%s/x.iso", dir);
    seeds[2] = tu_slurp(path, &sizes[2]);
    for (i = 0; i < 3; i++) CHECK(seeds[i] != NULL);
    if (!seeds[0] || !seeds[1] || !seeds[2]) return check_finish("test_fs_import_fuzz");

    targeted(seeds[0], sizes[0]);

    /* The seeds themselves import cleanly. */
    for (i = 0; i < 3; i++) fuzz_one(seeds[i], sizes[i]);
    CHECK_EQ_INT(fuzz_imported, 6);
    fuzz_imported = 0;
    for (n = 0; n < 3000; n++)
    {
        size_t s = n % 3, size = sizes[s], meta_end = size < 64 * 2048 ? size : 64 * 2048;
        unsigned k, count = 1 + next_rand() % 8;
        img = malloc(size);
        memcpy(img, seeds[s], size);
        for (k = 0; k < count; k++)
        {
            size_t at = 16 * 2048 + next_rand() % (meta_end - 16 * 2048);
            static const uint8_t values[] = { 0, 1, 2, 0x21, 0x22, 0x7f, 0x80, 0xfe, 0xff };
            img[at] = next_rand() % 2 ? (uint8_t)next_rand() : values[next_rand() % sizeof(values)];
        }
        if (n % 10 == 9) size = (16 + next_rand() % 40) * 2048;   /* cut short */
        fuzz_one(img, size);
        free(img);
    }
    printf("3000 mutants: %lu imports succeeded, %lu reads outside, %lu undocumented results\n",
           fuzz_imported, fuzz_outside, fuzz_bad_result);
    CHECK_EQ_INT(fuzz_outside, 0);
    CHECK_EQ_INT(fuzz_bad_result, 0);
    CHECK(fuzz_imported > 100);
    for (i = 0; i < 3; i++) free(seeds[i]);
    fuzz_udf(dir);
    return check_finish("test_fs_import_fuzz");
}
