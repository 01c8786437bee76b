/* The UDF writer (core/fs/fs_udf.c) judged by independent readers, for every revision
 * (1.02 .. 2.60), UDF alone and bridged with ISO9660 + Joliet: 7z (-tudf test and
 * extraction + diff -r with the source tree), udfinfo (udftools: the revision asked
 * for, descriptor placement), libudfread (tests/fs/udfread_list: every file read,
 * sizes and hashes against the source; metadata partitions), pycdlib (bridge images:
 * ISO9660, Joliet and UDF trees byte for byte). Plus the descriptor helpers of
 * fs_udf_desc.h against the standard's own examples. A missing tool is a failure.
 *
 *   test_fs_udf                          run the tests
 *   test_fs_udf --make SRC IMG REV [FS]  write an image of directory SRC (FS: FsiFileSystems bits, default 4) */
#define _XOPEN_SOURCE 700
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs/fs_udf_desc.h"
#include "fs/fs_hresult.h"

static char out[1 << 22];
static const char *py;
static char script[1024], reader[1024];

/* ---- descriptor helpers ---- */

static void test_desc(void)
{
    static const uint8_t ecma[] = { 0x70, 0x6a, 0x77 };
    uint8_t d[512], ts[12];
    uint16_t name[300], back[300];
    uint8_t cs0[300];
    fs_udf_tag t;
    size_t i, n;
    fs_time when = fs_time_from_unix(1700000000) + 1234567;

    /* ECMA-167 3/7.2.6 example: CRC of 70 6A 77 is 3299 (hex); CRC-ITU-T check value 31C3. */
    CHECK_EQ_INT(fs_udf_crc(ecma, 3), 0x3299);
    CHECK_EQ_INT(fs_udf_crc((const uint8_t *)"123456789", 9), 0x31c3);

    memset(d, 0, sizeof(d));
    for (i = 16; i < sizeof(d); i++) d[i] = (uint8_t)(i * 13);
    fs_udf_tag_finish(d, FS_UDF_TAG_PVD, 3, 7, 1234, 496);
    CHECK_EQ_INT(fs_udf_tag_verify(d, sizeof(d), 1234, FS_UDF_TAG_PVD), FS_UDF_TAG_OK);
    fs_udf_tag_read(d, &t);
    CHECK_EQ_INT(t.ident, 1);
    CHECK_EQ_INT(t.version, 3);
    CHECK_EQ_INT(t.serial, 7);
    CHECK_EQ_INT(t.crc_len, 496);
    CHECK_EQ_INT(fs_udf_tag_verify(d, sizeof(d), 1235, 0), FS_UDF_TAG_BAD_LOCATION);
    CHECK_EQ_INT(fs_udf_tag_verify(d, sizeof(d), 1234, FS_UDF_TAG_LVD), FS_UDF_TAG_BAD_IDENT);
    CHECK_EQ_INT(fs_udf_tag_verify(d, 100, 1234, 0), FS_UDF_TAG_TRUNCATED);
    d[300] ^= 1;
    CHECK_EQ_INT(fs_udf_tag_verify(d, sizeof(d), 1234, 0), FS_UDF_TAG_BAD_CRC);
    d[300] ^= 1;
    d[6] ^= 1;
    CHECK_EQ_INT(fs_udf_tag_verify(d, sizeof(d), 1234, 0), FS_UDF_TAG_BAD_CHECKSUM);

    /* Timestamps: 2023-11-14 22:13:20 UTC, type 1, offset 0, sub-second digits. */
    fs_udf_put_timestamp(ts, when);
    CHECK_EQ_INT(get_le16(ts), 0x1000);
    CHECK_EQ_INT(get_le16(ts + 2), 2023);
    CHECK_EQ_INT(ts[4], 11); CHECK_EQ_INT(ts[5], 14); CHECK_EQ_INT(ts[6], 22);
    CHECK_EQ_INT(ts[7], 13); CHECK_EQ_INT(ts[8], 20);
    CHECK_EQ_INT(ts[9], 12); CHECK_EQ_INT(ts[10], 34); CHECK_EQ_INT(ts[11], 56);
    CHECK_EQ_INT(fs_udf_get_timestamp(ts), when - 7);   /* 100 ns below a microsecond are dropped */
    put_le16(ts, 0x1000 | (0x1000 - 60));               /* recorded as local time UTC-1 */
    CHECK_EQ_INT(fs_udf_get_timestamp(ts), when - 7 + 3600LL * FS_TIME_TICKS_PER_SEC);

    /* Compressed unicode: 8 bits when Latin-1 suffices, 16 bits big endian otherwise. */
    for (i = 0; i < 5; i++) name[i] = (uint16_t)("Caf\xe9!"[i] & 0xff);
    CHECK_EQ_INT(fs_udf_cs0_encode(name, 5, cs0, sizeof(cs0)), 6);
    CHECK_EQ_INT(cs0[0], 8);
    CHECK_EQ_INT(cs0[4], 0xe9);
    name[1] = 0x3b1;                                     /* alpha */
    CHECK_EQ_INT(fs_udf_cs0_encode(name, 5, cs0, sizeof(cs0)), 11);
    CHECK_EQ_INT(cs0[0], 16);
    CHECK_EQ_INT(cs0[3], 0x03); CHECK_EQ_INT(cs0[4], 0xb1);
    CHECK_EQ_INT(fs_udf_cs0_decode(cs0, 11, back, 300), 5);
    CHECK(!memcmp(back, name, 5 * sizeof(uint16_t)));
    CHECK_EQ_INT(fs_udf_cs0_decode(cs0, 10, back, 300), SIZE_MAX);
    /* 255 bytes: 254 Latin-1 units, or 127 UTF-16 units, never half a surrogate pair. */
    for (i = 0; i < 300; i++) name[i] = 'a';
    CHECK_EQ_INT(fs_udf_cs0_fit(name, 300, 255), 254);
    name[0] = 0x3b1;
    CHECK_EQ_INT(fs_udf_cs0_fit(name, 300, 255), 127);
    name[126] = 0xd83d; name[127] = 0xde00;
    CHECK_EQ_INT(fs_udf_cs0_fit(name, 300, 255), 126);
    /* dstring: contents then the used length in the last byte; empty is all zero. */
    fs_udf_put_dstring_ascii(d, 32, "VOL");
    CHECK_EQ_INT(d[0], 8); CHECK_EQ_INT(d[1], 'V'); CHECK_EQ_INT(d[31], 4);
    n = fs_udf_get_dstring(d, 32, back, 300);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_INT(back[2], 'L');
    fs_udf_put_dstring_ascii(d, 32, "");
    for (i = 0, n = 0; i < 32; i++) n |= d[i];
    CHECK_EQ_INT(n, 0);
    fs_udf_put_regid_domain(d, FS_UDF_ID_DOMAIN, 0x250);
    CHECK(fs_udf_regid_is(d, "*OSTA UDF Compliant"));
    CHECK(!fs_udf_regid_is(d, "*OSTA UDF"));
    CHECK_EQ_INT(fs_udf_regid_revision(d), 0x250);
}

/* ---- images ---- */

static void mkdirs(const char *root, const char *rel)
{
    char cmd[4096];
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s'", root, rel);
    CHECK_EQ_INT(system(cmd), 0);
}

static void file(const char *root, const char *rel, size_t len, int seed)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    CHECK_EQ_INT(tu_write_file(path, NULL, len, seed), 0);
}

/* The tree every image holds: names in Greek, 254-byte Latin name, 127-unit Greek name
 * (255 bytes of CS0 each), an empty file, a 3 MB file, a directory of 3000 entries
 * (its FIDs span many blocks and content chunks). deep adds 12 nested directories
 * (beyond ISO9660's 8 levels: UDF alone only). */
static void make_tree(const char *root, int deep)
{
    char name[1024];
    size_t i;
    mkdirs(root, "docs/\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac");
    file(root, "readme.txt", 1000, 1);
    file(root, "empty.txt", 0, 0);
    file(root, "docs/\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac/\xce\xb1\xcf\x81\xcf\x87\xce\xb5\xce\xaf\xce\xbf.txt", 5000, 2);
    file(root, "docs/big.bin", 3 * 1024 * 1024 + 17, 3);
    for (i = 0; i < 254; i++) name[i] = (char)('a' + i % 26);
    name[254] = 0;
    file(root, name, 10, 4);
    for (i = 0; i < 127; i++) { name[2 * i] = (char)0xce; name[2 * i + 1] = (char)(0xb1 + i % 15); }
    name[254] = 0;
    file(root, name, 11, 5);
    mkdirs(root, "many");
    for (i = 0; i < 3000; i++)
    {
        snprintf(name, sizeof(name), "many/entry %04zu with a longer name.dat", i);
        file(root, name, i % 7 == 0 ? 0 : (i * 37) % 5000, (int)i);
    }
    if (deep)
    {
        mkdirs(root, "d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12");
        file(root, "d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/leaf.txt", 100, 6);
    }
}

/* Our own listing of the source (paths, sizes, FNV-1a 64), in udfread_list's format. */
static int32_t build(const char *src, uint32_t fs, unsigned rev, int redundant, const char *img, uint32_t *blocks)
{
    fs_layout_options o;
    fs_tree *t = fs_tree_new();
    fs_layout *L;
    int32_t hr;
    static const uint16_t vol[] = { 'U', 'D', 'F', ' ', 'T', 'e', 's', 't', 0x3a9 };
    fs_layout_options_default(&o);
    o.file_systems = fs;
    o.udf_revision = rev;
    o.udf_redundant_metadata = redundant;
    o.max_blocks = 0;
    o.creation_time = fs_time_from_unix(1700000000);
    o.volume_name = vol;
    o.volume_name_len = 9;
    hr = tu_add_disk_tree(t, fs_tree_root(t), src);
    if (!hr)
    {
        /* IsRealTime: a real-time file entry from 2.01 on, a plain one below */
        fs_item *it;
        if (!tu_lookup(t, "\\readme.txt", &it)) fs_item_set_real_time(it, 1);
    }
    if (!hr) hr = fs_layout_build(t, &o, &L);
    fs_tree_free(t);
    if (hr) return hr;
    if (blocks) *blocks = fs_layout_total_blocks(L);
    hr = tu_write_image(L, img);
    fs_layout_release(L);
    return hr;
}

/* Read one 2048-byte block of an image file. */
static int read_block(const char *img, uint64_t block, uint8_t *buf)
{
    FILE *f = fopen(img, "rb");
    int ok = f && !fseeko(f, (off_t)(block * 2048), SEEK_SET) && fread(buf, 1, 2048, f) == 2048;
    if (f) fclose(f);
    return ok;
}

static void judge(const char *dir, const char *src, const char *img, unsigned rev, uint32_t fs, int redundant,
                  uint32_t blocks)
{
    char cmd[4096], want[4096];
    uint8_t b[2048];
    fs_udf_extent main_vds;

    /* 7z: test every file, extract and compare with the source. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "7z t -tudf '%s' 2>&1", img), 0);
    CHECK(strstr(out, "Everything is Ok") != NULL);
    snprintf(cmd, sizeof(cmd), "%s/x", dir);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "rm -rf '%s' && 7z x -tudf -o'%s' '%s' >/dev/null 2>&1 && diff -r '%s' '%s' 2>&1",
                        cmd, cmd, img, src, cmd), 0);
    if (out[0]) fprintf(stderr, "diff: %.2000s\n", out);

    /* udfinfo: the revision asked for, and where the descriptors are. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "udfinfo '%s' 2>&1", img), 0);
    snprintf(want, sizeof(want), "udfrev=%x.%02x\n", rev >> 8, rev & 0xff);
    CHECK(strstr(out, want) != NULL);
    if (!strstr(out, want)) fprintf(stderr, "udfinfo (want %s): %.3000s\n", want, out);
    CHECK(strstr(out, "lvid=") != NULL);
    CHECK(strstr(out, "label=UDF Test\xce\xa9\n") != NULL);
    snprintf(want, sizeof(want), "blocks=%u\n", blocks);
    CHECK(strstr(out, want) != NULL);
    CHECK(strstr(out, fs & FS_FS_ISO9660 ? "numfiles=3006\n" : "numfiles=3007\n") != NULL);
    CHECK(strstr(out, fs & FS_FS_ISO9660 ? "numdirs=4\n" : "numdirs=16\n") != NULL);

    /* libudfread: every file read to its end, sizes and contents as the source. */
    snprintf(cmd, sizeof(cmd), "%s/want.txt", dir);
    {
        FILE *o = fopen(cmd, "w");
        CHECK(o != NULL);
        if (o)
        {
            fprintf(o, "V UDF Test\xce\xa9\n");
            tu_list_source(src, "", o);
            fclose(o);
        }
    }
    CHECK_EQ_INT(tu_run(out, sizeof(out), "'%s' '%s' > '%s/got.txt' && LC_ALL=C sort '%s/got.txt' > '%s/got.s' && "
                        "LC_ALL=C sort '%s' > '%s/want.s' && diff '%s/want.s' '%s/got.s' 2>&1",
                        reader, img, dir, dir, dir, cmd, dir, dir, dir), 0);
    if (out[0]) fprintf(stderr, "udfread_list: %.2000s\n", out);

    /* Our own structure checks: both anchors, the volume descriptor sequence's tags. */
    CHECK(read_block(img, 256, b));
    CHECK_EQ_INT(fs_udf_tag_verify(b, 2048, 256, FS_UDF_TAG_AVDP), FS_UDF_TAG_OK);
    CHECK_EQ_INT(get_le16(b + FS_UDF_TAG_VERSION), rev >= 0x200 ? 3 : 2);
    fs_udf_get_extent(b + FS_UDF_AVDP_MAIN_VDS, &main_vds);
    CHECK(read_block(img, blocks - 1, b));
    CHECK_EQ_INT(fs_udf_tag_verify(b, 2048, blocks - 1, FS_UDF_TAG_AVDP), FS_UDF_TAG_OK);
    CHECK(read_block(img, main_vds.location + 3, b));
    CHECK_EQ_INT(fs_udf_tag_verify(b, 2048, main_vds.location + 3, FS_UDF_TAG_LVD), FS_UDF_TAG_OK);
    CHECK_EQ_INT(get_le32(b + FS_UDF_LVD_NUM_MAPS), rev >= 0x250 ? 2 : 1);
    if (rev >= 0x250)
    {
        uint32_t part;
        CHECK(fs_udf_regid_is(b + FS_UDF_LVD_MAPS + FS_UDF_PMAP1_SIZE + FS_UDF_PMAP_META_TYPE_ID, FS_UDF_ID_METADATA));
        CHECK_EQ_INT(b[FS_UDF_LVD_MAPS + FS_UDF_PMAP1_SIZE + FS_UDF_PMAP_META_FLAGS], redundant);
        CHECK_EQ_INT(get_le32(b + FS_UDF_LVD_MAPS + FS_UDF_PMAP1_SIZE + FS_UDF_PMAP_META_FILE), 0);
        /* The mirror stands in for a damaged metadata file: with the metadata file's
         * entry zeroed, libudfread reads every file through the mirror file (and, with
         * redundant metadata, through the mirror's own copy). */
        CHECK(read_block(img, main_vds.location + 2, b));
        CHECK_EQ_INT(fs_udf_tag_verify(b, 2048, main_vds.location + 2, FS_UDF_TAG_PD), FS_UDF_TAG_OK);
        part = get_le32(b + FS_UDF_PD_START);
        CHECK_EQ_INT(tu_run(out, sizeof(out), "cp '%s' '%s/mirror.img' && dd if=/dev/zero of='%s/mirror.img' bs=2048 "
                            "seek=%u count=1 conv=notrunc status=none && '%s' '%s/mirror.img' > '%s/mirror.txt' && "
                            "LC_ALL=C sort '%s/mirror.txt' | diff '%s/got.s' - && rm -f '%s/mirror.img' 2>&1",
                            img, dir, dir, part, reader, dir, dir, dir, dir, dir), 0);
        if (out[0]) fprintf(stderr, "mirror: %.1000s\n", out);
    }
    /* File entries by file type (found by scanning for valid FE/EFE tags): one real-time
     * file (readme.txt) from 2.01 on; extended entries from 2.00; the mirror's copy of the
     * metadata holds each a second time. */
    {
        FILE *f = fopen(img, "rb");
        uint32_t blk, rt = 0, plain = 0, efe = 0, fe = 0;
        for (blk = 0; f && blk < blocks && fread(b, 1, 2048, f) == 2048; blk++)
        {
            fs_udf_fe_info info;
            uint16_t id = get_le16(b);
            if ((id != FS_UDF_TAG_FE && id != FS_UDF_TAG_EFE) || fs_udf_tag_checksum(b) != b[FS_UDF_TAG_CHECKSUM]
                || fs_udf_fe_parse(b, 2048, &info))
                continue;
            if (info.extended) efe++; else fe++;
            if (info.file_type == FS_UDF_FT_REAL_TIME) rt++;
            if (info.file_type == FS_UDF_FT_FILE) plain++;
        }
        if (f) fclose(f);
        CHECK_EQ_INT(rt, (rev >= 0x201 ? 1 : 0) * (redundant ? 2 : 1));
        CHECK_EQ_INT(rt + plain, (fs & FS_FS_ISO9660 ? 3006 : 3007) * (redundant ? 2 : 1));
        CHECK(rev >= 0x200 ? (efe > 3000 && fe == 0) : (fe > 3000 && efe == 0));
    }
    /* Bridge images: the ISO9660 and Joliet trees hold every entry too (isoinfo); pycdlib
     * reads the whole bridge image with its UDF tree byte for byte where it can: it
     * knows plain file entries and one partition map only (no EFE, no metadata
     * partition), so for 1.02 and 1.50. */
    if (fs & FS_FS_ISO9660)
    {
        long n_src, n_iso, n_joliet;
        CHECK_EQ_INT(tu_run(out, sizeof(out), "find '%s' -mindepth 1 | wc -l", src), 0);
        n_src = atol(out);
        CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -i '%s' -f | wc -l", img), 0);
        n_iso = atol(out);
        CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -i '%s' -J -f | wc -l", img), 0);
        n_joliet = atol(out);
        CHECK_EQ_INT(n_iso, n_src);
        CHECK_EQ_INT(n_joliet, n_src);
        if (rev < 0x200)
        {
            CHECK_EQ_INT(tu_run(out, sizeof(out), "%s '%s' '%s' '%s' --count-only --udf 2>&1", py, script, img, src), 0);
            CHECK(strstr(out, "pycdlib: 0 errors") != NULL);
        }
    }
}

static void images(const char *dir)
{
    static const unsigned revs[] = { 0x102, 0x150, 0x200, 0x201, 0x250, 0x260 };
    char src_bridge[1024], src_udf[1024], img[1100];
    size_t r;
    int32_t hr;
    snprintf(src_bridge, sizeof(src_bridge), "%s/src_bridge", dir);
    snprintf(src_udf, sizeof(src_udf), "%s/src_udf", dir);
    make_tree(src_bridge, 0);
    make_tree(src_udf, 1);
    snprintf(img, sizeof(img), "%s/img.iso", dir);
    for (r = 0; r < sizeof(revs) / sizeof(revs[0]); r++)
    {
        uint32_t blocks = 0;
        int redundant = revs[r] >= 0x250 ? (int)(r & 1) : 0;
        fprintf(stderr, "UDF %x alone%s\n", revs[r], redundant ? ", redundant metadata" : "");
        CHECK_EQ_INT(hr = build(src_udf, FS_FS_UDF, revs[r], redundant, img, &blocks), 0);
        if (!hr) judge(dir, src_udf, img, revs[r], FS_FS_UDF, redundant, blocks);
        fprintf(stderr, "UDF %x bridge%s\n", revs[r], !redundant && revs[r] >= 0x250 ? ", redundant metadata" : "");
        CHECK_EQ_INT(hr = build(src_bridge, FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF, revs[r],
                                revs[r] >= 0x250 && !redundant, img, &blocks), 0);
        if (!hr) judge(dir, src_bridge, img, revs[r], FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF,
                       revs[r] >= 0x250 && !redundant, blocks);
    }
    /* ISO9660's limits apply only while ISO9660 is written. */
    CHECK_EQ_INT(build(src_udf, FS_FS_ISO9660 | FS_FS_UDF, 0x250, 0, img, NULL), IMAPI_E_ISO9660_LEVELS);
    /* An unknown revision. */
    CHECK_EQ_INT(build(src_bridge, FS_FS_UDF, 0x300, 0, img, NULL), IMAPI_E_INVALID_PARAM);
}

/* FNV-1a 64 of `size` zero bytes with 'X' at the sorted offsets marks[], without
 * reading 4 GiB: a zero byte only multiplies by the prime, so a run of n zeros
 * multiplies by prime^n (mod 2^64). */
static uint64_t fnv_sparse(uint64_t size, const uint64_t *marks, size_t nmarks)
{
    uint64_t h = 0xcbf29ce484222325ULL, pos = 0;
    size_t i;
    for (i = 0; i <= nmarks; i++)
    {
        uint64_t end = i < nmarks ? marks[i] : size, n = end - pos, p = 0x100000001b3ULL, m = 1;
        while (n) { if (n & 1) m *= p; p *= p; n >>= 1; }
        h *= m;
        if (i < nmarks) { h = (h ^ 'X') * 0x100000001b3ULL; pos = end + 1; }
    }
    return h;
}

/* A file over 4 GiB (sparse on disk, a few marked bytes) in a UDF-only image: several
 * allocation extents. The image is written sparse too; libudfread reads the file whole
 * and 7z extracts it to a pipe compared with the source. Bridged with ISO9660 it is
 * refused (IMAPI_E_DATA_TOO_BIG, IMAPI's 2 GiB ISO9660 limit). */
static void big_file(const char *dir)
{
    char src[1024], path[2300], img[1100];
    static const uint64_t marks[] = { 0, 1073739775ULL, 1073741824ULL, 4294967296ULL, 4297064447ULL };
    const uint64_t size = 4297064448ULL;   /* 4 GiB + 2 MiB */
    fs_layout_options o;
    fs_tree *t;
    fs_layout *L;
    fs_image *im;
    int fd;
    size_t i;
    uint32_t rev;
    {
        /* fnv_sparse against the plain loop on a small buffer */
        static const uint64_t m[] = { 0, 7, 4000, 9999 };
        static uint8_t b[10000];
        uint64_t h = 0xcbf29ce484222325ULL;
        for (i = 0; i < 4; i++) b[m[i]] = 'X';
        for (i = 0; i < sizeof(b); i++) h = (h ^ b[i]) * 0x100000001b3ULL;
        CHECK_EQ_INT(fnv_sparse(sizeof(b), m, 4), h);
    }
    snprintf(src, sizeof(src), "%s/src_big", dir);
    mkdirs(src, "");
    snprintf(path, sizeof(path), "%s/huge.bin", src);
    fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    CHECK(fd >= 0);
    if (fd < 0) return;
    CHECK_EQ_INT(ftruncate(fd, (off_t)size), 0);
    for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
        CHECK_EQ_INT(pwrite(fd, "X", 1, (off_t)marks[i]), 1);
    close(fd);
    file(src, "small.txt", 100, 9);
    snprintf(img, sizeof(img), "%s/big.udf", dir);

    for (rev = 0; rev < 2; rev++)
    {
        unsigned revision = rev ? 0x250 : 0x102;
        t = fs_tree_new();
        fs_layout_options_default(&o);
        o.max_blocks = 0;
        o.udf_revision = revision;
        CHECK_EQ_INT(tu_add_disk_tree(t, fs_tree_root(t), src), 0);
        o.file_systems = FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF;
        o.max_file_size = 0;
        CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_DATA_TOO_BIG);
        o.file_systems = FS_FS_UDF;
        CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
        fs_tree_free(t);
        if (!L) return;
        /* Write the image sparse: blocks of zeros are skipped. */
        CHECK_EQ_INT(fs_image_open(L, &im), 0);
        fd = open(img, O_CREAT | O_TRUNC | O_WRONLY, 0644);
        CHECK(fd >= 0);
        {
            static uint8_t buf[1 << 20];
            uint64_t off = 0, total = fs_image_size(im);
            while (off < total && fd >= 0)
            {
                size_t done = 0, j;
                CHECK_EQ_INT(fs_image_read(im, off, buf, sizeof(buf), &done), 0);
                if (!done) break;
                for (j = 0; j < done; j += 2048)
                {
                    static const uint8_t zero[2048];
                    size_t n = done - j < 2048 ? done - j : 2048;
                    if (memcmp(buf + j, zero, n)) CHECK_EQ_INT(pwrite(fd, buf + j, n, (off_t)(off + j)), (long long)n);
                }
                off += done;
            }
            CHECK_EQ_INT(ftruncate(fd, (off_t)total), 0);
            close(fd);
        }
        fs_image_close(im);
        fs_layout_release(L);
        /* libudfread reads the whole file: its size and FNV-1a hash as the source's. */
        CHECK_EQ_INT(tu_run(out, sizeof(out), "'%s' '%s' 2>&1", reader, img), 0);
        {
            char want[256];
            snprintf(want, sizeof(want), "F /huge.bin %llu %016llx\n", (unsigned long long)size,
                     (unsigned long long)fnv_sparse(size, marks, sizeof(marks) / sizeof(marks[0])));
            CHECK(strstr(out, want) != NULL);
            if (!strstr(out, want)) fprintf(stderr, "want %sgot %.500s\n", want, out);
            CHECK(strstr(out, "F /small.txt 100 ") != NULL);
        }
        CHECK_EQ_INT(tu_run(out, sizeof(out), "7z x -tudf -so '%s' huge.bin 2>/dev/null | cmp - '%s/huge.bin' 2>&1", img, src), 0);
        CHECK_EQ_INT(tu_run(out, sizeof(out), "udfinfo '%s' 2>&1", img), 0);
        CHECK(strstr(out, rev ? "udfrev=2.50" : "udfrev=1.02") != NULL);
    }
    snprintf(path, sizeof(path), "rm -f '%s' '%s/huge.bin'", img, src);
    CHECK_EQ_INT(system(path), 0);
}

int main(int argc, char **argv)
{
    const char *dir;
    if (argc >= 5 && !strcmp(argv[1], "--make"))
    {
        int32_t hr = build(argv[2], argc > 5 ? (uint32_t)strtoul(argv[5], NULL, 0) : FS_FS_UDF,
                           (unsigned)strtoul(argv[4], NULL, 16), getenv("UDF_REDUNDANT") != NULL, argv[3], NULL);
        if (hr) fprintf(stderr, "build failed: %#x\n", (unsigned)hr);
        return hr != 0;
    }
    test_desc();
    CHECK(tu_have("7z"));
    CHECK(tu_have("udfinfo"));
    py = tu_python_with_pycdlib();
    CHECK(py != NULL);
    if (!py) py = "python3";
    snprintf(script, sizeof(script), "%s/tests/fs/pycdlib_check.py", getenv("IMAPI_SOURCE_DIR") ? getenv("IMAPI_SOURCE_DIR") : ".");
    snprintf(reader, sizeof(reader), "%s", getenv("UDFREAD_LIST") ? getenv("UDFREAD_LIST") : "./udfread_list");
    CHECK(access(reader, X_OK) == 0);
    dir = tu_scratch("fs_udf");
    CHECK(dir != NULL);
    if (dir) images(dir);
    dir = tu_scratch("fs_udf_big");
    CHECK(dir != NULL);
    if (dir) big_file(dir);
    return check_finish("test_fs_udf");
}
