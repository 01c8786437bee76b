/* Image recognition as IIsoImageManager::Validate does it: an image made by genisoimage
 * (an independent writer) is valid; broken variants get the documented codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs/fs_probe.h"
#include "fs_test_util.h"
#include "imapi2fserror.h"

struct mem { const uint8_t *data; uint64_t size; };

static int mem_read(void *ctx, uint64_t off, void *buf, size_t len)
{
    struct mem *m = ctx;
    if (off + len > m->size) return -1;
    memcpy(buf, m->data + off, len);
    return 0;
}

static int32_t probe(const uint8_t *data, uint64_t size)
{
    struct mem m = { data, size };
    return fs_probe_image(size, mem_read, &m);
}

static uint8_t *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(*len);
    if (buf && fread(buf, 1, *len, f) != (size_t)*len) { free(buf); buf = NULL; }
    fclose(f);
    return buf;
}

/* A UDF-only recognition sequence laid out from ECMA-167 2/9.1: type 0, identifier,
 * version 1, at sectors 16 (BEA01), 17 (NSR03), 18 (TEA01). */
static void put_vsd(uint8_t *image, unsigned lba, const char *id)
{
    uint8_t *s = image + lba * 2048;
    s[0] = 0;
    memcpy(s + 1, id, 5);
    s[6] = 1;
}

/* The image at path is valid, and invalid when cut short by a block (padded: when cut
 * to half), or to 300 blocks; a byte less is misaligned. genisoimage pads its images
 * with sectors that each hold an anchor, so it stays whole when cut into the padding. */
static void judge_udf(const char *path, int padded)
{
    long len = 0;
    uint8_t *data = slurp(path, &len);
    CHECK(data != NULL);
    if (!data) return;
    CHECK_EQ_INT(probe(data, len), 0);
    CHECK_EQ_INT(probe(data, len - 2048), padded ? 0 : IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    CHECK_EQ_INT(probe(data, len / 2 / 2048 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    /* (only where the image is longer: probing past the buffer would read freed memory) */
    if (!padded && len > 300 * 2048) CHECK_EQ_INT(probe(data, 300 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    CHECK_EQ_INT(probe(data, len - 1), IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED);
    /* A damaged anchor at 256. */
    data[256 * 2048 + 20] ^= 0x40;
    CHECK_EQ_INT(probe(data, len), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    free(data);
}

/* fmt's %s: path then src (genisoimage), or %1$s: path only (mkudffs). */
static void udf_image(const char *path, const char *src, const char *fmt, int genisoimage)
{
    char cmd[4096];
    if (genisoimage) snprintf(cmd, sizeof(cmd), fmt, path, src);
    else snprintf(cmd, sizeof(cmd), fmt, path);
    CHECK_EQ_INT(system(cmd), 0);
    judge_udf(path, genisoimage);
}

static void ours(const char *tmp, const char *src, uint32_t fs, unsigned rev, uint32_t start)
{
    char path[600];
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    fs_layout *L = NULL;
    snprintf(path, sizeof(path), "%s/probe_ours.udf", tmp);
    fs_layout_options_default(&o);
    o.file_systems = fs;
    o.udf_revision = rev;
    o.session_start = start;
    CHECK_EQ_INT(tu_add_disk_tree(t, fs_tree_root(t), src), 0);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_tree_free(t);
    if (!L) return;
    CHECK_EQ_INT(tu_write_image(L, path), 0);
    fs_layout_release(L);
    judge_udf(path, 0);
}

int main(void)
{
    const char *tmp = getenv("IMAPI_TEST_TMP");
    char dir[512], iso[512], cmd[4096];
    uint8_t *data, *udf;
    long len = 0;

    if (!tmp) tmp = "/tmp";
    snprintf(dir, sizeof(dir), "%s/probe_src", tmp);
    snprintf(iso, sizeof(iso), "%s/probe.iso", tmp);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s' && echo hello > '%s/a.txt' && "
             "genisoimage -quiet -J -o '%s' '%s'", dir, dir, dir, iso, dir);
    CHECK_EQ_INT(system(cmd), 0);
    data = slurp(iso, &len);
    CHECK(data != NULL);
    if (!data) return check_finish("test_fs_probe");

    CHECK_EQ_INT(probe(data, len), 0);
    CHECK_EQ_INT(probe(data, len - 1), IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED);
    CHECK_EQ_INT(fs_probe_image(0x80000000ull, mem_read, NULL), IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG);
    /* Alignment is checked before size. */
    CHECK_EQ_INT(fs_probe_image(0x80000001ull, mem_read, NULL), IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED);
    /* Too short to hold sector 16, or cut before the terminator. */
    CHECK_EQ_INT(probe(data, 16 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    CHECK_EQ_INT(probe(data, 17 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    /* A damaged primary descriptor identifier. */
    data[16 * 2048 + 1] = 'X';
    CHECK_EQ_INT(probe(data, len), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    data[16 * 2048 + 1] = 'C';
    CHECK_EQ_INT(probe(data, len), 0);
    /* Raw 2352-byte sectors are not user data: the descriptor is not where it belongs. */
    memmove(data + 16 * 2048 + 16, data + 16 * 2048, 2048 - 16);
    memset(data + 16 * 2048, 0, 16);
    CHECK_EQ_INT(probe(data, len), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    free(data);

    udf = calloc(32, 2048);
    CHECK_EQ_INT(probe(udf, 32 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    put_vsd(udf, 16, "BEA01");
    put_vsd(udf, 17, "NSR03");
    CHECK_EQ_INT(probe(udf, 32 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);  /* no TEA01 */
    put_vsd(udf, 18, "TEA01");
    /* A recognition sequence without the volume it announces (no anchor at 256). */
    CHECK_EQ_INT(probe(udf, 32 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    put_vsd(udf, 17, "NSR09");
    CHECK_EQ_INT(probe(udf, 32 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    free(udf);

    /* Whole UDF volumes from independent writers, then cut or shifted. */
    snprintf(cmd, sizeof(cmd), "%s/probe_gu.iso", tmp);
    udf_image(cmd, dir, "genisoimage -quiet -udf -J -o '%s' '%s'", 1);
    snprintf(cmd, sizeof(cmd), "%s/probe_mk.udf", tmp);
    udf_image(cmd, dir, "rm -f '%s' && truncate -s 4M '%1$s' && mkudffs --blocksize=2048 --media-type=hd '%1$s' >/dev/null", 0);
    /* Ours: UDF alone and bridged, revisions 1.02 and 2.50, and a later session's
     * image (its descriptors hold disc addresses, the image starts at the session). */
    ours(tmp, dir, FS_FS_UDF, 0x102, 0);
    ours(tmp, dir, FS_FS_UDF, 0x250, 0);
    ours(tmp, dir, FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF, 0x201, 0);
    ours(tmp, dir, FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF, 0x260, 40000);
    return check_finish("test_fs_probe");
}
