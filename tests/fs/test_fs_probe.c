/* Image recognition as IIsoImageManager::Validate does it: an image made by genisoimage
 * (an independent writer) is valid; broken variants get the documented codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs/fs_probe.h"
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
    CHECK_EQ_INT(probe(udf, 32 * 2048), 0);
    put_vsd(udf, 17, "NSR09");
    CHECK_EQ_INT(probe(udf, 32 * 2048), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
    free(udf);
    return check_finish("test_fs_probe");
}
