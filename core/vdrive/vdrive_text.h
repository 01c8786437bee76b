/* A growable text buffer for the metadata/config writers and the state description. */
#ifndef IMAPI_VDRIVE_TEXT_H
#define IMAPI_VDRIVE_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef struct vd_text
{
    char *data;
    size_t len, cap;
    int failed;   /* an allocation failed: the result is unusable */
} vd_text;

void vd_text_printf(vd_text *t, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void vd_text_hex(vd_text *t, const unsigned char *p, size_t n);
/* Returns the NUL-terminated string (caller frees) or NULL if anything failed. */
char *vd_text_finish(vd_text *t);

/* Line-oriented reading: next line in place (the text is modified), NULL at the end. */
char *vd_text_next_line(char **cursor);
/* Decode exactly n bytes of hex; 0 on success. */
int vd_text_unhex(const char *s, unsigned char *out, size_t n);
/* Next blank-separated token in place (strtok_r is not C99), NULL at the end. */
char *vd_text_token(char **cursor);

/* Strict decimal numbers for the recorder's files: digits only (a leading '-' only for
 * the signed form), no overflow, within [min, max]; 0 on success, -1 otherwise. */
int vd_text_uint(const char *s, uint64_t max, uint64_t *out);
int vd_text_int(const char *s, int64_t min, int64_t max, int64_t *out);

/* Where a file was found malformed: the 1-based line and what was wrong with it. */
typedef struct vd_parse_error
{
    unsigned line;
    char what[96];
} vd_parse_error;
/* Record the first error only; returns VDRIVE_E_FORMAT for the caller to pass on. */
int vd_parse_fail(vd_parse_error *err, unsigned line, const char *what);

#endif
