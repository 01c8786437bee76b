/* One fuzz case for the import readers (fs_read.h): data is a disc image (cut to whole
 * blocks). The three readers (ISO9660, Joliet, UDF) identify and import the session
 * at block 0 into a fresh tree; * every imported file is then read to its end through its source. Invariants: no
 * crash or sanitizer report, no read outside the media (counted by the io), and only
 * the documented outcomes. Shared by test_fs_import_fuzz (ctest) and
 * fuzz_fs_import_libfuzzer.c (long runs on demand). */
#ifndef FUZZ_FS_IMPORT_BODY_H
#define FUZZ_FS_IMPORT_BODY_H

#include <stdint.h>
#include <string.h>
#include "fs/fs_read.h"
#include "fs/fs_layout.h"
#include "fs/fs_hresult.h"

struct fuzz_mem { const uint8_t *data; uint32_t blocks; unsigned long outside; };

static unsigned long fuzz_outside, fuzz_bad_result, fuzz_imported, fuzz_imported_udf;

static int32_t fuzz_mem_read(void *ctx, uint32_t lba, uint32_t count, void *buf)
{
    struct fuzz_mem *m = ctx;
    if ((uint64_t)lba + count > m->blocks) { m->outside++; return -1; }
    memcpy(buf, m->data + (size_t)lba * 2048, (size_t)count * 2048);
    return 0;
}

static int fuzz_result_ok(int32_t hr)
{
    return hr == 0 || hr == IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR || hr == IMAPI_E_FILE_SYSTEM_NOT_FOUND
        || hr == IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED || hr == IMAPI_E_INVALID_PATH
        || hr == IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY
        || hr == IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE;
}

static void fuzz_read_all(fs_item *dir)
{
    fs_item *c;
    for (c = fs_dir_first_child(dir); c; c = fs_item_next_sibling(c))
    {
        const fs_data_source *src;
        core_stream *s;
        static char buf[8192];
        size_t got;
        if (fs_item_kind(c) == FS_ITEM_DIRECTORY) { fuzz_read_all(c); continue; }
        src = fs_file_source(c);
        if (!src->size || !src->open || src->open(src->ctx, &s)) continue;
        while (!s->ops->read(s, buf, sizeof(buf), &got) && got) {}
        s->ops->close(s);
    }
}

static void fuzz_one(const uint8_t *data, size_t size)
{
    struct fuzz_mem m = { data, (uint32_t)(size / 2048), 0 };
    fs_read_io io;
    fs_disc *d;
    uint32_t fs = 0;
    int k;
    memset(&io, 0, sizeof(io));
    io.ctx = &m;
    io.media_blocks = m.blocks;
    io.read = fuzz_mem_read;
    if (fs_disc_new(&io, &d)) return;
    if (!fuzz_result_ok(fs_read_identify(d, 0, &fs))) fuzz_bad_result++;
    {
        uint32_t end;     /* the random-write session start: a size that cannot be is an error */
        int32_t hr = fs_read_volume_end(d, &end);
        if (!fuzz_result_ok(hr) || (!hr && end <= 16)) fuzz_bad_result++;
    }
    for (k = 0; k < 3; k++)
    {
        static const uint32_t fss[] = { FS_FS_ISO9660, FS_FS_JOLIET, FS_FS_UDF };
        fs_tree *t = fs_tree_new();
        fs_import_info info;
        int32_t hr = fs_read_import(d, 0, fss[k], t, NULL, &info);
        if (!fuzz_result_ok(hr)) fuzz_bad_result++;
        if (!hr) { fuzz_imported++; fuzz_imported_udf += fss[k] == FS_FS_UDF; fuzz_read_all(fs_tree_root(t)); }
        fs_tree_free(t);
    }
    fs_disc_release(d);
    fuzz_outside += m.outside;
}

#endif
