/* Reads the IMAPI2 ABI reference (imapi2_abi.tsv) at test time, so conformance tests
 * compare what we built with the reference itself rather than with copied values.
 * Path: %IMAPI_ABI_TSV% if set (a Windows path), else the Unix path the build knew,
 * reached through Wine's Z: drive. */
#ifndef ABI_TSV_H
#define ABI_TSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define ABI_TSV_FIELDS 12

enum abi_col { COL_LIB, COL_KIND, COL_NAME, COL_GUID, COL_PARENT, COL_INDEX, COL_MEMBER, COL_VTBL_NAME,
               COL_DISPID, COL_ACCESSOR, COL_VALUE, COL_NOTES };

struct abi_row { char *f[ABI_TSV_FIELDS]; };

struct abi_tsv
{
    struct abi_row *rows;
    unsigned count;
    char *text;
};

static int abi_tsv_path(char *out, size_t size)
{
    DWORD n = GetEnvironmentVariableA("IMAPI_ABI_TSV", out, (DWORD)size);
    if (n && n < size) return 1;
#ifdef IMAPI_ABI_TSV_UNIX
    if (strlen(IMAPI_ABI_TSV_UNIX) + 3 < size)
    {
        char *p;
        snprintf(out, size, "Z:%s", IMAPI_ABI_TSV_UNIX);
        for (p = out; *p; p++) if (*p == '/') *p = '\\';
        return 1;
    }
#endif
    return 0;
}

/* Load the whole file and split it into rows of 12 fields (header line dropped). */
static int abi_tsv_load(struct abi_tsv *tsv, const char *path)
{
    FILE *f = fopen(path, "rb");
    long len;
    char *p, *line;
    unsigned cap = 0;

    memset(tsv, 0, sizeof(*tsv));
    if (!f) return 0;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    tsv->text = malloc(len + 1);
    if (!tsv->text || fread(tsv->text, 1, len, f) != (size_t)len) { fclose(f); return 0; }
    fclose(f);
    tsv->text[len] = 0;

    p = strchr(tsv->text, '\n');
    if (!p) return 0;
    for (p = p + 1; *p; )
    {
        struct abi_row row;
        unsigned i;
        char *end = strchr(p, '\n');
        line = p;
        p = end ? end + 1 : p + strlen(p);
        if (end) *end = 0;
        if (end && end > line && end[-1] == '\r') end[-1] = 0;
        if (!*line) continue;
        for (i = 0; i < ABI_TSV_FIELDS; i++)
        {
            char *tab = line ? strchr(line, '\t') : NULL;
            row.f[i] = line ? line : "";
            if (tab) { *tab = 0; line = tab + 1; }
            else line = NULL;
        }
        if (tsv->count == cap)
        {
            cap = cap ? cap * 2 : 256;
            tsv->rows = realloc(tsv->rows, cap * sizeof(*tsv->rows));
        }
        tsv->rows[tsv->count++] = row;
    }
    return tsv->count > 0;
}

static void abi_tsv_free(struct abi_tsv *tsv)
{
    free(tsv->rows);
    free(tsv->text);
}

/* "27354130-7F64-5B0F-8F00-5D77AFBE261E" -> GUID; returns 0 if malformed. */
static int abi_parse_guid(const char *s, GUID *g)
{
    WCHAR buf[40];
    int i;
    if (strlen(s) != 36) return 0;
    buf[0] = '{';
    for (i = 0; i < 36; i++) buf[i + 1] = s[i];
    buf[37] = '}';
    buf[38] = 0;
    return SUCCEEDED(CLSIDFromString(buf, g));
}

/* "19 (0x13)" or "0xC0AA0002 (-1062600702)" or "2048" -> value. */
static inline LONGLONG abi_parse_value(const char *s)
{
    return _strtoi64(s, NULL, 0);
}

#endif
