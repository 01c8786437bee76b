/* Item-name rules and Windows-like case folding (see fs_name.h). */
#include "fs_name.h"
#include "fs_hresult.h"

int32_t fs_name_check(const uint16_t *name, size_t len, int restricted)
{
    size_t i;
    if (!name || len == 0 || len > FS_NAME_MAX)
        return IMAPI_E_INVALID_PARAM;
    if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
        return IMAPI_E_INVALID_PARAM;
    for (i = 0; i < len; i++)
    {
        uint16_t c = name[i];
        if (c < 0x20 || c == 0x7f)
            return IMAPI_E_INVALID_PARAM;
        switch (c)
        {
        case '/': case '\\': case ':': case '*': case '?': case '"': case '<': case '>': case '|':
            return IMAPI_E_INVALID_PARAM;
        }
    }
    if (restricted)
        for (i = 0; i < len; i++)
            if (name[i] > 0xff)
                return IMAPI_E_RESTRICTED_NAME_VIOLATION;
    return 0;
}

int32_t fs_volume_name_check(const uint16_t *name, size_t len)
{
    size_t i, chars = 0;
    for (i = 0; i < len; i++)
    {
        if (name[i] < 0x20 || name[i] == 0x7f) return IMAPI_E_INVALID_VOLUME_NAME;
        switch (name[i])
        {
        case '/': case '\\': case ':': case '*': case '?': case '"': case '<': case '>': case '|': case ';':
            return IMAPI_E_INVALID_VOLUME_NAME;
        }
        if (!(name[i] >= 0xdc00 && name[i] <= 0xdfff)) chars++;   /* a surrogate pair is one character */
    }
    return chars > FS_VOLUME_NAME_MAX ? IMAPI_E_INVALID_VOLUME_NAME : 0;
}

uint16_t fs_upcase16(uint16_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') ? (uint16_t)(c - 0x20) : c;
    if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return (uint16_t)(c - 0x20);
    if (c == 0xff) return 0x178;
    /* Latin Extended-A: mostly even upper / odd lower pairs, with a shifted run. */
    if (c >= 0x100 && c <= 0x137) return (uint16_t)(c & ~1u);
    if (c >= 0x139 && c <= 0x148) return (c & 1) ? c : (uint16_t)(c - 1);
    if (c >= 0x14a && c <= 0x177) return (uint16_t)(c & ~1u);
    if (c >= 0x179 && c <= 0x17e) return (c & 1) ? c : (uint16_t)(c - 1);
    /* Greek: final sigma folds with sigma. */
    if (c >= 0x3b1 && c <= 0x3cb) return (uint16_t)(c - 0x20);
    if (c == 0x3ac) return 0x386;
    if (c >= 0x3ad && c <= 0x3af) return (uint16_t)(c - 0x25);
    if (c == 0x3cc) return 0x38c;
    if (c == 0x3cd || c == 0x3ce) return (uint16_t)(c - 0x3f);
    /* Cyrillic. */
    if (c >= 0x430 && c <= 0x44f) return (uint16_t)(c - 0x20);
    if (c >= 0x450 && c <= 0x45f) return (uint16_t)(c - 0x50);
    /* Fullwidth Latin. */
    if (c >= 0xff41 && c <= 0xff5a) return (uint16_t)(c - 0x20);
    return c;
}

int fs_name_equal_ci(const uint16_t *a, size_t alen, const uint16_t *b, size_t blen)
{
    size_t i;
    if (alen != blen) return 0;
    for (i = 0; i < alen; i++)
        if (a[i] != b[i] && fs_upcase16(a[i]) != fs_upcase16(b[i]))
            return 0;
    return 1;
}

uint32_t fs_name_hash_ci(const uint16_t *name, size_t len)
{
    /* FNV-1a over the folded units. */
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < len; i++)
    {
        uint16_t c = fs_upcase16(name[i]);
        h = (h ^ (c & 0xff)) * 16777619u;
        h = (h ^ (c >> 8)) * 16777619u;
    }
    return h;
}

size_t fs_u16len(const uint16_t *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

size_t fs_utf8_to_u16(const char *utf8, uint16_t *out, size_t out_cap)
{
    const unsigned char *p = (const unsigned char *)utf8;
    size_t n = 0;
    while (*p)
    {
        uint32_t cp;
        int extra, i;
        if (*p < 0x80) { cp = *p; extra = 0; }
        else if ((*p & 0xe0) == 0xc0) { cp = *p & 0x1f; extra = 1; }
        else if ((*p & 0xf0) == 0xe0) { cp = *p & 0x0f; extra = 2; }
        else if ((*p & 0xf8) == 0xf0) { cp = *p & 0x07; extra = 3; }
        else return (size_t)-1;
        p++;
        for (i = 0; i < extra; i++, p++)
        {
            if ((*p & 0xc0) != 0x80) return (size_t)-1;
            cp = (cp << 6) | (*p & 0x3f);
        }
        if (cp >= 0x10000)
        {
            if (n + 2 >= out_cap) return (size_t)-1;
            cp -= 0x10000;
            out[n++] = (uint16_t)(0xd800 | (cp >> 10));
            out[n++] = (uint16_t)(0xdc00 | (cp & 0x3ff));
        }
        else
        {
            if (n + 1 >= out_cap) return (size_t)-1;
            out[n++] = (uint16_t)cp;
        }
    }
    if (n >= out_cap) return (size_t)-1;
    out[n] = 0;
    return n;
}
