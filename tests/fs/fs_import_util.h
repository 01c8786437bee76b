/* Helpers for the import tests: a disc image file as an fs_read_io, and writing an
 * imported tree back to disk (every file read through its source) so `diff -r`
 * can compare it with the folders the sessions were made from. */
#ifndef IMAPI_FS_IMPORT_UTIL_H
#define IMAPI_FS_IMPORT_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fs/fs_read.h"
#include "fs/fs_name.h"

struct ti_file { FILE *f; uint32_t blocks; unsigned long reads, outside; };

static int32_t ti_read(void *ctx, uint32_t lba, uint32_t count, void *buf)
{
    struct ti_file *t = ctx;
    t->reads++;
    if ((uint64_t)lba + count > t->blocks) { t->outside++; return -1; }
    if (fseek(t->f, (long)lba * 2048, SEEK_SET) || fread(buf, 2048, count, t->f) != count) return -1;
    return 0;
}

static void ti_free(void *ctx)
{
    struct ti_file *t = ctx;
    fclose(t->f);
    free(t);
}

/* A disc over an image file (NULL if it cannot be opened). */
static fs_disc *ti_open(const char *path)
{
    struct ti_file *t = calloc(1, sizeof(*t));
    fs_read_io io;
    fs_disc *d;
    if (!t || !(t->f = fopen(path, "rb"))) { free(t); return NULL; }
    fseek(t->f, 0, SEEK_END);
    t->blocks = (uint32_t)(ftell(t->f) / 2048);
    io.ctx = t;
    io.media_blocks = t->blocks;
    io.read = ti_read;
    io.free_ctx = ti_free;
    if (fs_disc_new(&io, &d)) { ti_free(t); return NULL; }
    return d;
}

static void ti_u16_to_utf8(const uint16_t *s, size_t len, char *out)
{
    size_t i, n = 0;
    for (i = 0; i < len; i++)
    {
        uint32_t c = s[i];
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < len) c = 0x10000 + ((c - 0xd800) << 10) + (s[++i] - 0xdc00);
        if (c < 0x80) out[n++] = (char)c;
        else if (c < 0x800) { out[n++] = (char)(0xc0 | c >> 6); out[n++] = (char)(0x80 | (c & 0x3f)); }
        else if (c < 0x10000)
        { out[n++] = (char)(0xe0 | c >> 12); out[n++] = (char)(0x80 | (c >> 6 & 0x3f)); out[n++] = (char)(0x80 | (c & 0x3f)); }
        else
        {
            out[n++] = (char)(0xf0 | c >> 18); out[n++] = (char)(0x80 | (c >> 12 & 0x3f));
            out[n++] = (char)(0x80 | (c >> 6 & 0x3f)); out[n++] = (char)(0x80 | (c & 0x3f));
        }
    }
    out[n] = 0;
}

/* Write the subtree of dir into path (created); 0 or -1. Counts files. */
static int ti_export(fs_item *dir, const char *path, unsigned *files)
{
    fs_item *c;
    mkdir(path, 0755);
    for (c = fs_dir_first_child(dir); c; c = fs_item_next_sibling(c))
    {
        char name[1024], sub[4096];
        size_t len;
        const uint16_t *n = fs_item_name(c, &len);
        ti_u16_to_utf8(n, len, name);
        snprintf(sub, sizeof(sub), "%s/%s", path, name);
        if (fs_item_kind(c) == FS_ITEM_DIRECTORY)
        {
            if (ti_export(c, sub, files)) return -1;
        }
        else
        {
            const fs_data_source *src = fs_file_source(c);
            FILE *f = fopen(sub, "wb");
            uint64_t total = 0;
            if (!f) return -1;
            if (src->size)
            {
                core_stream *s;
                char buf[65536];
                size_t got;
                if (!src->open || src->open(src->ctx, &s)) { fclose(f); return -1; }
                while (!s->ops->read(s, buf, sizeof(buf), &got) && got)
                {
                    fwrite(buf, 1, got, f);
                    total += got;
                }
                s->ops->close(s);
            }
            fclose(f);
            if (total != src->size) return -1;
            (*files)++;
        }
    }
    return 0;
}

#endif
