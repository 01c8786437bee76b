/* Test helpers (see fs_test_util.h). Uses POSIX: this is test code, not core. */
#define _XOPEN_SOURCE 700
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fs_test_util.h"
#include "fs/fs_name.h"

int tu_open_now, tu_open_max, tu_open_total;

typedef struct file_ctx { int refs; uint64_t size; char path[1]; } file_ctx;
typedef struct file_stream { core_stream base; FILE *f; } file_stream;

static int fst_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    file_stream *fs = (file_stream *)s;
    *done = fread(buf, 1, len, fs->f);
    return ferror(fs->f) ? -5 : 0;
}

static int fst_seek(core_stream *s, uint64_t off)
{
    return fseeko(((file_stream *)s)->f, (off_t)off, SEEK_SET) ? -5 : 0;
}

static int fst_size(core_stream *s, uint64_t *size)
{
    struct stat st;
    if (fstat(fileno(((file_stream *)s)->f), &st)) return -5;
    *size = (uint64_t)st.st_size;
    return 0;
}

static void fst_close(core_stream *s)
{
    fclose(((file_stream *)s)->f);
    free(s);
    tu_open_now--;
}

static const core_stream_ops file_ops = { fst_read, NULL, fst_seek, fst_size, fst_close, NULL, NULL };

static int32_t file_open(void *ctx, core_stream **out)
{
    file_ctx *c = ctx;
    file_stream *s = calloc(1, sizeof(*s));
    if (!s) return -1;
    s->f = fopen(c->path, "rb");
    if (!s->f) { free(s); return -1; }
    s->base.ops = &file_ops;
    s->base.ctx = s;
    *out = &s->base;
    tu_open_total++;
    if (++tu_open_now > tu_open_max) tu_open_max = tu_open_now;
    return 0;
}

static void file_addref(void *ctx) { ((file_ctx *)ctx)->refs++; }
static void file_release(void *ctx) { if (--((file_ctx *)ctx)->refs == 0) free(ctx); }

int tu_file_source(const char *path, fs_data_source *out)
{
    struct stat st;
    file_ctx *c;
    if (stat(path, &st)) return -1;
    c = malloc(sizeof(*c) + strlen(path));
    if (!c) return -1;
    c->refs = 1;
    c->size = (uint64_t)st.st_size;
    strcpy(c->path, path);
    memset(out, 0, sizeof(*out));
    out->size = c->size;
    out->ctx = c;
    out->open = file_open;
    out->addref = file_addref;
    out->release = file_release;
    return 0;
}

/* ---- fake source ---- */
typedef struct fake_ctx { int refs; uint64_t size, actual; int64_t fail_at; } fake_ctx;
typedef struct fake_stream { core_stream base; fake_ctx *c; uint64_t pos; uint8_t *view; } fake_stream;

static int fake_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    fake_stream *f = (fake_stream *)s;
    uint64_t left = f->pos < f->c->actual ? f->c->actual - f->pos : 0;
    size_t n = left < len ? (size_t)left : len, i;
    if (f->c->fail_at >= 0 && f->pos + n > (uint64_t)f->c->fail_at) { *done = 0; return -5; }
    for (i = 0; i < n; i++) ((uint8_t *)buf)[i] = (uint8_t)((f->pos + i) & 0xff);
    f->pos += n;
    *done = n;
    return 0;
}

static int fake_seek(core_stream *s, uint64_t off) { ((fake_stream *)s)->pos = off; return 0; }

int tu_fake_views;
int tu_view_calls, tu_view_refused;
uint64_t tu_view_bytes, tu_view_min_source = UINT64_MAX;

/* A view is a buffer filled with the pattern: what a mapping of the bytes would show.
 * Like a mapping past a file's end, a view past what the source has is refused. */
static int fake_view(core_stream *s, uint64_t off, size_t len, const void **ptr)
{
    fake_stream *f = (fake_stream *)s;
    size_t i;
    tu_view_calls++;
    if (tu_fake_views == 2 || off + len > f->c->actual
        || (f->c->fail_at >= 0 && off + len > (uint64_t)f->c->fail_at) || f->view || !(f->view = malloc(len ? len : 1)))
    {
        tu_view_refused++;
        return -1;
    }
    for (i = 0; i < len; i++) f->view[i] = (uint8_t)((off + i) & 0xff);
    tu_view_bytes += len;
    if (f->c->size < tu_view_min_source) tu_view_min_source = f->c->size;
    *ptr = f->view;
    return 0;
}

static void fake_unview(core_stream *s)
{
    fake_stream *f = (fake_stream *)s;
    free(f->view);
    f->view = NULL;
}

static void fake_close(core_stream *s) { free(((fake_stream *)s)->view); free(s); tu_open_now--; }
static const core_stream_ops fake_ops = { fake_read, NULL, NULL, NULL, fake_close, NULL, NULL };
static const core_stream_ops fake_view_ops = { fake_read, NULL, fake_seek, NULL, fake_close, fake_view, fake_unview };

static int32_t fake_open(void *ctx, core_stream **out)
{
    fake_stream *s = calloc(1, sizeof(*s));
    if (!s) return -1;
    s->base.ops = tu_fake_views ? &fake_view_ops : &fake_ops;
    s->base.ctx = s;
    s->c = ctx;
    *out = &s->base;
    tu_open_total++;
    if (++tu_open_now > tu_open_max) tu_open_max = tu_open_now;
    return 0;
}

static void fake_addref(void *ctx) { ((fake_ctx *)ctx)->refs++; }
static void fake_release(void *ctx) { if (--((fake_ctx *)ctx)->refs == 0) free(ctx); }

void tu_fake_source(uint64_t size, uint64_t actual, int64_t fail_at, fs_data_source *out)
{
    fake_ctx *c = calloc(1, sizeof(*c));
    c->refs = 1;
    c->size = size;
    c->actual = actual;
    c->fail_at = fail_at;
    memset(out, 0, sizeof(*out));
    out->size = size;
    out->ctx = c;
    out->open = fake_open;
    out->addref = fake_addref;
    out->release = fake_release;
}

/* ---- trees ---- */

static void set_times(fs_item *it, const struct stat *st)
{
    fs_item_times tm;
    tm.creation = fs_time_from_unix((int64_t)st->st_ctime);
    tm.modification = fs_time_from_unix((int64_t)st->st_mtime);
    tm.access = fs_time_from_unix((int64_t)st->st_atime);
    fs_item_set_times(it, &tm);
}

int32_t tu_add_disk_tree(fs_tree *t, fs_item *parent, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int32_t hr = 0;
    if (!d) return -1;
    while (!hr && (e = readdir(d)))
    {
        char path[4096];
        uint16_t name[512];
        size_t len;
        struct stat st;
        fs_item *it = NULL;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (lstat(path, &st)) { hr = -1; break; }
        len = fs_utf8_to_u16(e->d_name, name, 512);
        if (len == (size_t)-1) { hr = -1; break; }
        if (S_ISDIR(st.st_mode))
        {
            hr = fs_item_new_dir(t, name, len, &it);
            if (!hr) set_times(it, &st);
            if (!hr) hr = fs_dir_add(t, parent, it);
            if (!hr) hr = tu_add_disk_tree(t, it, path);
            if (it) fs_item_release(it);
        }
        else if (S_ISREG(st.st_mode))
        {
            fs_data_source src;
            if (tu_file_source(path, &src)) { hr = -1; break; }
            hr = fs_item_new_file(t, name, len, &src, &it);
            if (!hr) { set_times(it, &st); hr = fs_dir_add(t, parent, it); fs_item_release(it); }
        }
        it = NULL;
    }
    closedir(d);
    return hr;
}

int32_t tu_add_dir(fs_tree *t, const char *path_utf8, fs_item **out)
{
    uint16_t p[2048];
    size_t len = fs_utf8_to_u16(path_utf8, p, 2048);
    return fs_tree_add_dir_path(t, NULL, p, len, out);
}

int32_t tu_add_file(fs_tree *t, const char *path_utf8, const fs_data_source *src)
{
    uint16_t p[2048];
    size_t len = fs_utf8_to_u16(path_utf8, p, 2048);
    return fs_tree_add_file_path(t, NULL, p, len, src, NULL);
}

int32_t tu_lookup(fs_tree *t, const char *path_utf8, fs_item **out)
{
    uint16_t p[2048];
    size_t len = fs_utf8_to_u16(path_utf8, p, 2048);
    return fs_tree_lookup(t, NULL, p, len, out);
}

int32_t tu_write_image(fs_layout *L, const char *path)
{
    fs_image *img;
    FILE *f = fopen(path, "wb");
    static uint8_t buf[1 << 20];
    uint64_t off = 0;
    int32_t hr;
    if (!f) return -1;
    if ((hr = fs_image_open(L, &img))) { fclose(f); return hr; }
    for (;;)
    {
        size_t done;
        hr = fs_image_read(img, off, buf, sizeof(buf), &done);
        if (hr || !done) break;
        if (fwrite(buf, 1, done, f) != done) { hr = -1; break; }
        off += done;
    }
    fs_image_close(img);
    if (fclose(f)) hr = -1;
    return hr;
}

const char *tu_scratch(const char *name)
{
    static char path[1024];
    const char *base = getenv("IMAPI_TEST_TMP");
    char cmd[2200];
    if (!base) base = "/tmp";
    snprintf(path, sizeof(path), "%s/%s", base, name);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", path, path);
    if (system(cmd)) return NULL;
    return path;
}

int tu_run(char *out, size_t cap, const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    FILE *p;
    size_t n = 0;
    int st;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    p = popen(cmd, "r");
    if (!p) return -1;
    if (out && cap)
    {
        size_t r;
        while (n + 1 < cap && (r = fread(out + n, 1, cap - 1 - n, p)) > 0) n += r;
        out[n] = 0;
    }
    {
        char sink[4096];
        while (fread(sink, 1, sizeof(sink), p) > 0) {}
    }
    st = pclose(p);
    if (st == -1) return -1;
    return (st >> 8) & 0xff;
}

int tu_have(const char *prog)
{
    return tu_run(NULL, 0, "command -v %s >/dev/null 2>&1", prog) == 0;
}

const char *tu_python_with_pycdlib(void)
{
    static const char *cands[] = { "python3", "/usr/bin/python3" };
    size_t i;
    for (i = 0; i < 2; i++)
        if (tu_run(NULL, 0, "%s -c 'import pycdlib' >/dev/null 2>&1", cands[i]) == 0)
            return cands[i];
    return NULL;
}

int tu_write_file(const char *path, const void *data, size_t len, int seed)
{
    FILE *f = fopen(path, "wb");
    size_t i;
    if (!f) return -1;
    if (data) fwrite(data, 1, len, f);
    else for (i = 0; i < len; i++) fputc((int)((i * 7 + (size_t)seed) & 0xff), f);
    return fclose(f);
}

uint8_t *tu_slurp(const char *path, size_t *len)
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

void tu_list_source(const char *root, const char *rel, FILE *o)
{
    char path[8192];
    DIR *d;
    struct dirent *e;
    snprintf(path, sizeof(path), "%s%s", root, rel);
    d = opendir(path);
    if (!d) return;
    while ((e = readdir(d)))
    {
        char sub[8192];
        struct stat st;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(sub, sizeof(sub), "%s/%s", rel, e->d_name);
        snprintf(path, sizeof(path), "%s%s", root, sub);
        if (stat(path, &st)) continue;
        if (S_ISDIR(st.st_mode))
        {
            fprintf(o, "D %s\n", sub);
            tu_list_source(root, sub, o);
        }
        else
        {
            FILE *f = fopen(path, "rb");
            uint64_t h = 0xcbf29ce484222325ULL;
            static unsigned char buf[1 << 16];
            size_t r, i;
            while (f && (r = fread(buf, 1, sizeof(buf), f)) > 0)
                for (i = 0; i < r; i++) h = (h ^ buf[i]) * 0x100000001b3ULL;
            if (f) fclose(f);
            fprintf(o, "F %s %lld %016llx\n", sub, (long long)st.st_size, (unsigned long long)h);
        }
    }
    closedir(d);
}
