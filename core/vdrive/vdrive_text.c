/* Text buffer and line helpers for the recorder's small text files. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vdrive_text.h"
#include "vdrive.h"

void vd_text_printf(vd_text *t, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (t->failed) return;
    for (;;)
    {
        size_t room = t->cap - t->len;
        va_start(ap, fmt);
        n = vsnprintf(t->data ? t->data + t->len : NULL, t->data ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) { t->failed = 1; return; }
        if (t->data && (size_t)n < room) { t->len += (size_t)n; return; }
        {
            size_t cap = (t->cap ? t->cap * 2 : 1024) + (size_t)n;
            char *p = realloc(t->data, cap);
            if (!p) { t->failed = 1; return; }
            t->data = p;
            t->cap = cap;
        }
    }
}

void vd_text_hex(vd_text *t, const unsigned char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) vd_text_printf(t, "%02x", p[i]);
}

char *vd_text_finish(vd_text *t)
{
    if (t->failed || !t->data) { free(t->data); t->data = NULL; return NULL; }
    return t->data;
}

char *vd_text_next_line(char **cursor)
{
    char *line = *cursor, *end;
    if (!line || !*line) return NULL;
    end = strchr(line, '\n');
    if (end) { *end = 0; *cursor = end + 1; }
    else *cursor = line + strlen(line);
    if (end && end > line && end[-1] == '\r') end[-1] = 0;
    return line;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int vd_text_unhex(const char *s, unsigned char *out, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
    {
        int hi = hexval(s[2 * i]), lo;
        if (hi < 0) return -1;
        lo = hexval(s[2 * i + 1]);
        if (lo < 0) return -1;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

char *vd_text_token(char **cursor)
{
    char *p = *cursor, *start;
    while (*p == ' ' || *p == '\t') p++;
    if (!*p) { *cursor = p; return NULL; }
    start = p;
    while (*p && *p != ' ' && *p != '\t') p++;
    if (*p) *p++ = 0;
    *cursor = p;
    return start;
}

int vd_text_uint(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    if (!*s) return -1;
    for (; *s; s++)
    {
        unsigned d = (unsigned)(*s - '0');
        if (d > 9 || v > (UINT64_MAX - d) / 10) return -1;
        v = v * 10 + d;
    }
    if (v > max) return -1;
    *out = v;
    return 0;
}

int vd_text_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
    uint64_t mag;
    int neg = *s == '-';
    if (vd_text_uint(s + neg, (uint64_t)INT64_MAX, &mag)) return -1;
    if ((neg ? -(int64_t)mag : (int64_t)mag) < min || (neg ? -(int64_t)mag : (int64_t)mag) > max) return -1;
    *out = neg ? -(int64_t)mag : (int64_t)mag;
    return 0;
}

int vd_parse_fail(vd_parse_error *err, unsigned line, const char *what)
{
    if (err && !err->line)
    {
        size_t n = strlen(what) < sizeof(err->what) - 1 ? strlen(what) : sizeof(err->what) - 1;
        err->line = line ? line : 1;
        memcpy(err->what, what, n);
        err->what[n] = 0;
    }
    return VDRIVE_E_FORMAT;
}
