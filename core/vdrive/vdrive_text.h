/* A growable text buffer for the metadata/config writers and the state description. */
#ifndef IMAPI_VDRIVE_TEXT_H
#define IMAPI_VDRIVE_TEXT_H

#include <stddef.h>

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

#endif
