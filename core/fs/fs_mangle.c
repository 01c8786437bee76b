/* Name conforming and unique-name generation (see fs_mangle.h). */
#include <stdlib.h>
#include <string.h>
#include "fs_mangle.h"
#include "fs_name.h"
#include "fs_tree.h"
#include "fs_hresult.h"

static int is_dchar(uint16_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Index of the last '.' that splits off an extension, or len if none. A leading dot
 * (".profile") is not an extension separator. */
static size_t ext_dot(const uint16_t *name, size_t len)
{
    size_t i = len;
    while (i > 1)
        if (name[--i] == '.') return i;
    return len;
}

static size_t to_dchars(const uint16_t *in, size_t len, uint16_t *out, size_t cap)
{
    size_t i, n = 0;
    for (i = 0; i < len && n < cap; i++)
    {
        uint16_t c = fs_upcase16(in[i]);
        if (c >= 0xdc00 && c <= 0xdfff) continue;   /* second half of a pair: one '_' per character */
        out[n++] = is_dchar(c) ? c : '_';
    }
    return n;
}

void fs_mangle_iso9660(const uint16_t *name, size_t len, int is_dir, int level, fs_mangled *out)
{
    memset(out, 0, sizeof(*out));
    if (is_dir)
    {
        out->base_cap = level >= 2 ? 31 : 8;
        out->base_len = to_dchars(name, len, out->base, out->base_cap);
    }
    else
    {
        size_t dot = ext_dot(name, len);
        size_t ext_cap = level >= 2 ? 10 : 3;
        out->dot = 1;
        if (dot < len)
            out->ext_len = to_dchars(name + dot + 1, len - dot - 1, out->ext, ext_cap);
        out->base_cap = level >= 2 ? 30 - out->ext_len : 8;
        out->base_len = to_dchars(name, dot, out->base, out->base_cap);
    }
    if (out->base_len == 0)
        out->base[out->base_len++] = '_';
}

static int joliet_bad(uint16_t c)
{
    return c < 0x20 || c == '*' || c == '/' || c == ':' || c == ';' || c == '?' || c == '\\';
}

/* Cut to n units without splitting a surrogate pair. */
static size_t safe_cut(const uint16_t *s, size_t n)
{
    if (n > 0 && s[n - 1] >= 0xd800 && s[n - 1] <= 0xdbff) n--;
    return n;
}

void fs_mangle_joliet(const uint16_t *name, size_t len, int is_dir, size_t max_len, fs_mangled *out)
{
    uint16_t clean[FS_NAME_MAX];
    size_t i, dot;
    memset(out, 0, sizeof(*out));
    if (max_len > FS_MANGLE_MAX) max_len = FS_MANGLE_MAX;
    if (len > FS_NAME_MAX) len = FS_NAME_MAX;
    for (i = 0; i < len; i++)
        clean[i] = joliet_bad(name[i]) ? '_' : name[i];
    dot = is_dir ? len : ext_dot(clean, len);
    if (dot < len && len - dot - 1 <= 16 && len - dot - 1 + 2 < max_len)
    {
        out->dot = 1;
        out->ext_len = len - dot - 1;
        memcpy(out->ext, clean + dot + 1, out->ext_len * sizeof(uint16_t));
        out->base_cap = max_len - 1 - out->ext_len;
        out->base_len = safe_cut(clean, dot < out->base_cap ? dot : out->base_cap);
    }
    else
    {
        out->base_cap = max_len;
        out->base_len = safe_cut(clean, len < max_len ? len : max_len);
    }
    memcpy(out->base, clean, out->base_len * sizeof(uint16_t));
    if (out->base_len == 0)
        out->base[out->base_len++] = '_';
}

size_t fs_conformed_name(const uint16_t *name, size_t len, int is_dir, unsigned fs, int iso_level,
                         uint16_t *out)
{
    fs_mangled m;
    size_t n;
    if (fs == 1) fs_mangle_iso9660(name, len, is_dir, iso_level, &m);
    else if (fs == 2) fs_mangle_joliet(name, len, is_dir, 64, &m);
    else return (size_t)-1;
    memcpy(out, m.base, m.base_len * sizeof(uint16_t));
    n = m.base_len;
    if (m.ext_len || (fs == 1 && !is_dir))
    {
        out[n++] = '.';
        memcpy(out + n, m.ext, m.ext_len * sizeof(uint16_t));
        n += m.ext_len;
    }
    out[n] = 0;
    return n;
}

/* ---- unique names: an open-addressing map from folded UTF-16 strings to a count ---- */

typedef struct slot { uint32_t hash, off, len, value; } slot;

typedef struct strmap
{
    slot *slots;
    size_t cap, used;
    uint16_t *keys;
    size_t keys_len, keys_cap;
} strmap;

struct fs_uniq { strmap names, counters; };

static int map_reset(strmap *m, size_t expected)
{
    size_t cap = 16;
    while (cap < expected * 2 + 16) cap *= 2;
    if (cap != m->cap)
    {
        slot *s = malloc(cap * sizeof(*s));
        if (!s) return 0;
        free(m->slots);
        m->slots = s;
        m->cap = cap;
    }
    memset(m->slots, 0, m->cap * sizeof(*m->slots));
    m->used = 0;
    m->keys_len = 0;
    return 1;
}

static slot *map_find(strmap *m, const uint16_t *key, size_t len, uint32_t h)
{
    size_t i = h & (m->cap - 1);
    for (;; i = (i + 1) & (m->cap - 1))
    {
        slot *s = &m->slots[i];
        if (!s->len) return s;     /* empty (keys are never empty) */
        if (s->hash == h && s->len == len && !memcmp(m->keys + s->off, key, len * sizeof(uint16_t)))
            return s;
    }
}

static int map_grow(strmap *m)
{
    slot *old = m->slots;
    size_t oldcap = m->cap, i;
    slot *s = calloc(oldcap * 2, sizeof(*s));
    if (!s) return 0;
    m->slots = s;
    m->cap = oldcap * 2;
    for (i = 0; i < oldcap; i++)
        if (old[i].len)
            *map_find(m, m->keys + old[i].off, old[i].len, old[i].hash) = old[i];
    free(old);
    return 1;
}

/* Returns the slot for key, inserting it with value 0 when absent (NULL on OOM). */
static slot *map_get(strmap *m, const uint16_t *key, size_t len, int *inserted)
{
    uint32_t h = 2166136261u;
    size_t i;
    slot *s;
    for (i = 0; i < len; i++) h = (h ^ key[i]) * 16777619u;
    s = map_find(m, key, len, h);
    *inserted = 0;
    if (s->len) return s;
    if ((m->used + 1) * 2 > m->cap)
    {
        if (!map_grow(m)) return NULL;
        s = map_find(m, key, len, h);
    }
    if (m->keys_len + len > m->keys_cap)
    {
        size_t cap = m->keys_cap ? m->keys_cap * 2 : 4096;
        uint16_t *k;
        while (cap < m->keys_len + len) cap *= 2;
        k = realloc(m->keys, cap * sizeof(*k));
        if (!k) return NULL;
        m->keys = k;
        m->keys_cap = cap;
    }
    memcpy(m->keys + m->keys_len, key, len * sizeof(uint16_t));
    s->hash = h;
    s->off = (uint32_t)m->keys_len;
    s->len = (uint32_t)len;
    s->value = 0;
    m->keys_len += len;
    m->used++;
    *inserted = 1;
    return s;
}

fs_uniq *fs_uniq_new(void)
{
    fs_uniq *u = calloc(1, sizeof(*u));
    if (u && (!map_reset(&u->names, 0) || !map_reset(&u->counters, 0)))
    {
        fs_uniq_free(u);
        return NULL;
    }
    return u;
}

void fs_uniq_free(fs_uniq *u)
{
    if (!u) return;
    free(u->names.slots); free(u->names.keys);
    free(u->counters.slots); free(u->counters.keys);
    free(u);
}

int fs_uniq_reset(fs_uniq *u, size_t expected)
{
    return map_reset(&u->names, expected) && map_reset(&u->counters, 16);
}

/* base [~N] [. ext] into out; returns the length. */
static size_t compose(const fs_mangled *m, size_t base_len, uint32_t n, uint16_t *out)
{
    size_t len = 0;
    memcpy(out, m->base, base_len * sizeof(uint16_t));
    len = base_len;
    if (n)
    {
        char digits[12];
        int nd = 0;
        while (n) { digits[nd++] = (char)('0' + n % 10); n /= 10; }
        out[len++] = '~';
        while (nd) out[len++] = (uint16_t)digits[--nd];
    }
    if (m->ext_len)
    {
        out[len++] = '.';
        memcpy(out + len, m->ext, m->ext_len * sizeof(uint16_t));
        len += m->ext_len;
    }
    return len;
}

/* Try to claim a name; 1 if it was free, 0 if taken, -1 on OOM. */
static int claim(fs_uniq *u, const uint16_t *name, size_t len)
{
    uint16_t folded[FS_MANGLE_MAX * 2 + 16];
    size_t i;
    int inserted;
    for (i = 0; i < len; i++) folded[i] = fs_upcase16(name[i]);
    if (!map_get(&u->names, folded, len, &inserted)) return -1;
    return inserted;
}

int32_t fs_uniq_make(fs_uniq *u, const fs_mangled *m, uint16_t *out, size_t *out_len)
{
    size_t len = compose(m, m->base_len, 0, out);
    unsigned digits;
    int r = claim(u, out, len);
    if (r < 0) return FS_E_OUTOFMEMORY;
    if (r) { *out_len = len; return 0; }
    for (digits = 1; digits <= 9; digits++)
    {
        uint16_t key[FS_MANGLE_MAX * 2 + 2];
        size_t plen, klen, limit = 1;
        unsigned i;
        int inserted;
        slot *counter;
        if (m->base_cap < digits + 2) break;                    /* no room for one char + "~N" */
        plen = m->base_cap - 1 - digits;
        if (plen > m->base_len) plen = m->base_len;
        plen = safe_cut(m->base, plen);
        if (plen == 0) break;
        for (i = 0; i < digits; i++) limit *= 10;
        /* Counter key: the shortened base and the extension, folded. */
        for (klen = 0; klen < plen; klen++) key[klen] = fs_upcase16(m->base[klen]);
        key[klen++] = 0xffff;
        for (i = 0; i < m->ext_len; i++) key[klen++] = fs_upcase16(m->ext[i]);
        counter = map_get(&u->counters, key, klen, &inserted);
        if (!counter) return FS_E_OUTOFMEMORY;
        if (counter->value < limit / 10) counter->value = (uint32_t)(limit / 10);
        if (counter->value == 0) counter->value = 1;
        while (counter->value < limit)
        {
            uint32_t n = counter->value++;
            len = compose(m, plen, n, out);
            r = claim(u, out, len);
            if (r < 0) return FS_E_OUTOFMEMORY;
            if (r) { *out_len = len; return 0; }
        }
    }
    return IMAPI_E_NO_UNIQUE_NAME;
}
