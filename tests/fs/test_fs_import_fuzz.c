/* Robustness of the import readers: 3000 mutated images (seeds from our writer,
 * genisoimage and xorriso; 1-8 bytes of the volume descriptors and directories changed,
 * sometimes the image cut short) go through fuzz_fs_import_body.h under ASan/UBSan:
 * no read outside the media, only documented results, and some mutants must still
 * import (the mutation is not all-destroying). Plus targeted damage: a directory that
 * points at the root (a loop), an extent past the end, an identifier longer than its
 * record: each IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs_test_util.h"
#include "fuzz_fs_import_body.h"
#include "fs/fs_ecma119_desc.h"
#include "io/byteorder.h"

static uint32_t rng = 0x2545F491u;
static uint32_t next_rand(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(*len ? *len : 1);
    if (buf && fread(buf, 1, *len, f) != *len) { free(buf); buf = NULL; }
    fclose(f);
    return buf;
}

static int32_t import_joliet(const uint8_t *data, size_t size)
{
    struct fuzz_mem m = { data, (uint32_t)(size / 2048), 0 };
    fs_read_io io;
    fs_disc *d;
    fs_tree *t = fs_tree_new();
    fs_import_info info;
    int32_t hr;
    memset(&io, 0, sizeof(io));
    io.ctx = &m;
    io.media_blocks = m.blocks;
    io.read = fuzz_mem_read;
    fs_disc_new(&io, &d);
    hr = fs_read_import(d, 0, FS_FS_ISO9660, t, NULL, &info);
    fs_disc_release(d);
    fs_tree_free(t);
    CHECK_EQ_INT(m.outside, 0);
    return hr;
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
    seeds[0] = slurp(path, &sizes[0]);
    /* Seeds 2 and 3: genisoimage (Rock Ridge + Joliet) and xorriso. */
    snprintf(cmd, sizeof(cmd), "genisoimage -quiet -R -J -o '%s/g.iso' '%s/src' && xorriso -abort_on FAILURE "
             "-outdev '%s/x.iso' -joliet on -map '%s/src' / -commit >/dev/null 2>&1", dir, dir, dir, dir);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "%s", cmd), 0);
    snprintf(path, sizeof(path), "%s/g.iso", dir);
    seeds[1] = slurp(path, &sizes[1]);
    snprintf(path, sizeof(path), "%s/x.iso", dir);
    seeds[2] = slurp(path, &sizes[2]);
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
    return check_finish("test_fs_import_fuzz");
}
