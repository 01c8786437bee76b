/* Conformed, unique item names for one disk directory listing (see fs_conform.h). */
#include <stdlib.h>
#include <string.h>
#include "fs_conform.h"
#include "fs_name.h"
#include "fs_hresult.h"
#include "fs_tree.h"   /* FS_E_OUTOFMEMORY */

#define MAX_SUFFIX 999999u

static int forbidden(uint16_t c)
{
    if (c < 0x20 || c == 0x7f) return 1;
    switch (c)
    {
    case '/': case '\\': case ':': case '*': case '?': case '"': case '<': case '>': case '|':
        return 1;
    }
    return 0;
}

int fs_name_conform_chars(const uint16_t *name, size_t len, uint16_t *out)
{
    size_t i, end = len;
    int changed = 0;

    while (end && (name[end - 1] == '.' || name[end - 1] == ' ')) end--;
    for (i = 0; i < len; i++)
    {
        uint16_t c = name[i];
        if (i >= end || forbidden(c))
        {
            c = '_';
            changed = 1;
        }
        out[i] = c;
    }
    return changed;
}

static int cmp_folded(const uint16_t *a, size_t alen, const uint16_t *b, size_t blen)
{
    size_t i, n = alen < blen ? alen : blen;
    for (i = 0; i < n; i++)
    {
        uint16_t x = fs_upcase16(a[i]), y = fs_upcase16(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return alen < blen ? -1 : alen > blen;
}

static int cmp_ordinal(const uint16_t *a, size_t alen, const uint16_t *b, size_t blen)
{
    size_t i, n = alen < blen ? alen : blen;
    for (i = 0; i < n; i++)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return alen < blen ? -1 : alen > blen;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const fs_listing_entry *a = pa, *b = pb;
    int r = cmp_folded(a->item_name, a->item_len, b->item_name, b->item_len);
    if (r) return r;
    if ((a->flags & FS_CONFORM_CHARS) != (b->flags & FS_CONFORM_CHARS))
        return (a->flags & FS_CONFORM_CHARS) ? 1 : -1;
    return cmp_ordinal(a->name, a->len, b->name, b->len);
}

struct name_ref { const uint16_t *name; size_t len; };

struct uniq
{
    struct name_ref *keys;     /* the step-1 names of the listing, sorted folded */
    size_t nkeys;
    struct name_ref *set;      /* open addressing: names given by step 2 */
    size_t cap;
};

static int in_keys(const struct uniq *u, const uint16_t *name, size_t len)
{
    size_t lo = 0, hi = u->nkeys;
    while (lo < hi)
    {
        size_t mid = lo + (hi - lo) / 2;
        int r = cmp_folded(u->keys[mid].name, u->keys[mid].len, name, len);
        if (!r) return 1;
        if (r < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

static int in_set(const struct uniq *u, const uint16_t *name, size_t len, size_t *slot)
{
    size_t i = fs_name_hash_ci(name, len) & (u->cap - 1);
    while (u->set[i].name)
    {
        if (fs_name_equal_ci(u->set[i].name, u->set[i].len, name, len)) return 1;
        i = (i + 1) & (u->cap - 1);
    }
    if (slot) *slot = i;
    return 0;
}

/* base~N.ext (files) or name~N (directories) for the first free N. */
static int32_t make_unique(struct uniq *u, fs_listing_entry *e)
{
    const uint16_t *name = e->item_name;
    size_t len = e->item_len, base_len = len, ext_len = 0, i, slot;
    uint16_t *buf;
    unsigned n;

    if (!e->is_dir)
        for (i = len; i > 1; i--)
            if (name[i - 1] == '.') { base_len = i - 1; ext_len = len - base_len; break; }
    if (ext_len > FS_NAME_MAX / 2) { base_len = len; ext_len = 0; }
    if (!(buf = malloc((FS_NAME_MAX + 1) * sizeof(*buf)))) return FS_E_OUTOFMEMORY;
    for (n = 1; n <= MAX_SUFFIX; n++)
    {
        char digits[12];
        size_t d = 0, cut = base_len, out;
        unsigned v = n;
        do { digits[d++] = (char)('0' + v % 10); v /= 10; } while (v);
        if (cut + 1 + d + ext_len > FS_NAME_MAX)
        {
            cut = FS_NAME_MAX - 1 - d - ext_len;
            if (cut && name[cut - 1] >= 0xd800 && name[cut - 1] <= 0xdbff) cut--;   /* keep pairs whole */
        }
        memcpy(buf, name, cut * sizeof(*buf));
        out = cut;
        buf[out++] = '~';
        while (d) buf[out++] = (uint16_t)digits[--d];
        memcpy(buf + out, name + base_len, ext_len * sizeof(*buf));
        out += ext_len;
        if (in_keys(u, buf, out) || in_set(u, buf, out, &slot))
            continue;
        u->set[slot].name = buf;
        u->set[slot].len = out;
        e->owned2 = buf;
        e->item_name = buf;
        e->item_len = out;
        e->flags |= FS_CONFORM_CASE;
        return 0;
    }
    free(buf);
    return IMAPI_E_NO_UNIQUE_NAME;
}

int32_t fs_listing_conform(fs_listing_entry *e, size_t n)
{
    struct uniq u;
    size_t i, clashes = 0;
    int32_t hr = 0;

    for (i = 0; i < n; i++)
    {
        e[i].item_name = e[i].name;
        e[i].item_len = e[i].len;
        e[i].flags = 0;
        e[i].owned = e[i].owned2 = NULL;
    }
    for (i = 0; i < n; i++)
    {
        uint16_t *buf;
        if (!e[i].len) continue;
        if (!(buf = malloc(e[i].len * sizeof(*buf)))) return FS_E_OUTOFMEMORY;
        if (fs_name_conform_chars(e[i].name, e[i].len, buf))
        {
            e[i].owned = buf;
            e[i].item_name = buf;
            e[i].flags = FS_CONFORM_CHARS;
        }
        else free(buf);
    }
    if (n > 1) qsort(e, n, sizeof(*e), cmp_entry);
    for (i = 1; i < n; i++)
        if (!cmp_folded(e[i - 1].item_name, e[i - 1].item_len, e[i].item_name, e[i].item_len)) clashes++;
    if (!clashes) return 0;

    memset(&u, 0, sizeof(u));
    for (u.cap = 16; u.cap < clashes * 2; u.cap *= 2) {}
    u.keys = malloc(n * sizeof(*u.keys));
    u.set = calloc(u.cap, sizeof(*u.set));
    if (!u.keys || !u.set) hr = FS_E_OUTOFMEMORY;
    else
    {
        size_t first = 0;
        for (i = 0; i < n; i++)
        {
            u.keys[i].name = e[i].item_name;
            u.keys[i].len = e[i].item_len;
        }
        u.nkeys = n;
        for (i = 1; i < n && !hr; i++)
        {
            if (cmp_folded(u.keys[first].name, u.keys[first].len, u.keys[i].name, u.keys[i].len))
            {
                first = i;
                continue;
            }
            hr = make_unique(&u, &e[i]);
        }
    }
    free(u.keys);
    free(u.set);
    return hr;
}

void fs_listing_release(fs_listing_entry *e, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
    {
        free(e[i].owned);
        free(e[i].owned2);
        e[i].owned = e[i].owned2 = NULL;
    }
}
