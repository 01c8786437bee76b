/* The item tree (see fs_tree.h). Children of a directory live in an insertion-ordered
 * doubly linked list plus a chained hash table on the case-folded name, so add, find
 * and remove are O(1) on average however large a directory grows. Each directory keeps
 * totals of its subtree, updated along the parent chain (O(depth)) on every change. */
#include <stdlib.h>
#include <string.h>
#include "fs_tree.h"
#include "io/refcount.h"
#include "fs_name.h"
#include "fs_hresult.h"

#define FS_BLOCK 2048u

struct fs_item
{
    int refs;
    fs_tree *tree;
    fs_item *parent, *prev, *next, *hash_next;
    uint32_t hash;
    uint32_t name_len;
    uint16_t *name;
    uint8_t is_dir, hidden, is_root, real_time;
    fs_item_times times;
    fs_data_source src;             /* files */
    fs_item *first, *last;          /* directories: children in insertion order */
    fs_item **buckets;
    uint32_t nbuckets, count;
    uint32_t sub_files, sub_dirs;   /* totals below this directory, itself excluded */
    uint64_t sub_blocks;
};

enum { OP_ADD = 1, OP_REMOVE = 2 };

typedef struct journal_entry
{
    int32_t point;
    int op;
    fs_item *item, *parent, *prev;  /* each holds a reference */
} journal_entry;

struct fs_tree
{
    fs_item *root;
    fs_time (*clock)(void *ctx);
    void *clock_ctx;
    int restricted;
    unsigned max_levels;
    uint32_t max_dirs;
    uint64_t max_blocks;
    uint64_t max_file_size;
    journal_entry *journal;
    size_t journal_len, journal_cap;
    int32_t change_point, locked_point;
    int group_depth, group_fresh;
};

static uint64_t blocks_of(uint64_t size)
{
    return (size + FS_BLOCK - 1) / FS_BLOCK;
}

/* New blocks a file's data takes: none for data already on the disc (imported). */
static uint64_t src_blocks(const fs_data_source *src)
{
    return src->extents ? 0 : blocks_of(src->size);
}

static int32_t item_alloc(fs_tree *t, const uint16_t *name, size_t len, int is_dir, fs_item **out)
{
    fs_item *it = calloc(1, sizeof(*it));
    if (!it) return FS_E_OUTOFMEMORY;
    it->name = malloc((len ? len : 1) * sizeof(uint16_t));
    if (!it->name) { free(it); return FS_E_OUTOFMEMORY; }
    memcpy(it->name, name, len * sizeof(uint16_t));
    it->name_len = (uint32_t)len;
    it->hash = fs_name_hash_ci(name, len);
    it->refs = 1;
    it->tree = t;
    it->is_dir = (uint8_t)is_dir;
    if (t->clock)
    {
        fs_time now = t->clock(t->clock_ctx);
        it->times.creation = it->times.modification = it->times.access = now;
    }
    *out = it;
    return 0;
}

fs_tree *fs_tree_new(void)
{
    fs_tree *t = calloc(1, sizeof(*t));
    static const uint16_t empty = 0;
    if (!t) return NULL;
    if (item_alloc(t, &empty, 0, 1, &t->root)) { free(t); return NULL; }
    t->root->is_root = 1;
    return t;
}

static void journal_drop(fs_tree *t, size_t from)
{
    size_t i;
    for (i = t->journal_len; i > from; i--)
    {
        journal_entry *e = &t->journal[i - 1];
        if (e->item) fs_item_release(e->item);
        if (e->parent) fs_item_release(e->parent);
        if (e->prev) fs_item_release(e->prev);
    }
    t->journal_len = from;
}

void fs_tree_free(fs_tree *t)
{
    if (!t) return;
    journal_drop(t, 0);
    free(t->journal);
    t->root->tree = NULL;
    fs_item_release(t->root);
    free(t);
}

fs_item *fs_tree_root(fs_tree *t) { return t->root; }

void fs_tree_set_clock(fs_tree *t, fs_time (*now)(void *ctx), void *ctx)
{
    t->clock = now;
    t->clock_ctx = ctx;
    if (now && !t->root->times.modification)
    {
        fs_time n = now(ctx);
        t->root->times.creation = t->root->times.modification = t->root->times.access = n;
    }
}

void fs_tree_set_restricted_names(fs_tree *t, int restricted) { t->restricted = restricted; }
void fs_tree_set_max_levels(fs_tree *t, unsigned levels) { t->max_levels = levels; }
void fs_tree_set_max_dirs(fs_tree *t, uint32_t dirs) { t->max_dirs = dirs; }
void fs_tree_set_max_blocks(fs_tree *t, uint64_t blocks) { t->max_blocks = blocks; }
void fs_tree_set_max_file_size(fs_tree *t, uint64_t bytes) { t->max_file_size = bytes; }
uint32_t fs_tree_file_count(const fs_tree *t) { return t->root->sub_files; }
uint32_t fs_tree_dir_count(const fs_tree *t) { return t->root->sub_dirs; }
uint64_t fs_tree_data_blocks(const fs_tree *t) { return t->root->sub_blocks; }

/* Directory levels of a subtree counting dir itself as 1, and its largest file. */
static unsigned subtree_stats(const fs_item *dir, uint64_t *max_file)
{
    unsigned best = 0;
    const fs_item *c;
    for (c = dir->first; c; c = c->next)
    {
        if (c->is_dir)
        {
            unsigned h = subtree_stats(c, max_file);
            if (h > best) best = h;
        }
        else if (c->src.size > *max_file)
            *max_file = c->src.size;
    }
    return best + 1;
}

unsigned fs_tree_levels(const fs_tree *t)
{
    uint64_t dummy = 0;
    return subtree_stats(t->root, &dummy);
}

int32_t fs_item_new_dir(fs_tree *t, const uint16_t *name, size_t len, fs_item **out)
{
    int32_t hr = fs_name_check(name, len, t->restricted);
    if (hr) return hr;
    return item_alloc(t, name, len, 1, out);
}

int32_t fs_item_new_file(fs_tree *t, const uint16_t *name, size_t len, const fs_data_source *src, fs_item **out)
{
    int32_t hr = fs_name_check(name, len, t->restricted);
    if (!hr) hr = item_alloc(t, name, len, 0, out);
    if (hr)
    {
        if (src && src->release) src->release(src->ctx);
        return hr;
    }
    if (src) (*out)->src = *src;
    return 0;
}

void fs_item_addref(fs_item *it) { core_ref_inc(&it->refs); }

void fs_item_release(fs_item *it)
{
    if (!it || core_ref_dec(&it->refs) > 0) return;
    if (it->is_dir)
    {
        fs_item *c = it->first, *n;
        for (; c; c = n)
        {
            n = c->next;
            c->parent = c->prev = c->next = c->hash_next = NULL;
            fs_item_release(c);
        }
        free(it->buckets);
    }
    else if (it->src.release)
        it->src.release(it->src.ctx);
    free(it->name);
    free(it);
}

fs_item_type fs_item_kind(const fs_item *it) { return it->is_dir ? FS_ITEM_DIRECTORY : FS_ITEM_FILE; }

const uint16_t *fs_item_name(const fs_item *it, size_t *len)
{
    *len = it->name_len;
    return it->name;
}

fs_item *fs_item_parent(const fs_item *it) { return it->parent; }

int fs_item_in_tree(const fs_item *it)
{
    while (it->parent) it = it->parent;
    return it->is_root && it->tree;           /* the root forgets its tree when it dies */
}

size_t fs_item_full_path(const fs_item *it, uint16_t *buf, size_t cap)
{
    size_t need = 0, pos;
    const fs_item *p;
    for (p = it; p->parent; p = p->parent)
        need += 1 + p->name_len;
    if (need == 0) need = 1;
    if (cap == 0) return need;
    if (cap <= need) { buf[0] = 0; return need; }
    buf[need] = 0;
    if (!it->parent) { buf[0] = '\\'; return need; }
    pos = need;
    for (p = it; p->parent; p = p->parent)
    {
        pos -= p->name_len;
        memcpy(buf + pos, p->name, p->name_len * sizeof(uint16_t));
        buf[--pos] = '\\';
    }
    return need;
}

void fs_item_get_times(const fs_item *it, fs_item_times *out) { *out = it->times; }
void fs_item_set_times(fs_item *it, const fs_item_times *times) { it->times = *times; }
int fs_item_hidden(const fs_item *it) { return it->hidden; }
void fs_item_set_hidden(fs_item *it, int hidden) { it->hidden = (uint8_t)!!hidden; }
int fs_item_real_time(const fs_item *it) { return it->real_time; }
void fs_item_set_real_time(fs_item *it, int real_time) { it->real_time = (uint8_t)!!real_time; }

const fs_data_source *fs_file_source(const fs_item *it) { return it->is_dir ? NULL : &it->src; }
uint64_t fs_file_size(const fs_item *it) { return it->is_dir ? 0 : it->src.size; }

int32_t fs_file_set_source(fs_item *it, const fs_data_source *src)
{
    if (it->is_dir) return IMAPI_E_NOT_FILE;
    if (fs_item_in_tree(it)) return IMAPI_E_READONLY;
    if (it->src.release) it->src.release(it->src.ctx);
    it->src = *src;
    return 0;
}

uint32_t fs_dir_child_count(const fs_item *dir) { return dir->count; }
fs_item *fs_dir_first_child(const fs_item *dir) { return dir->first; }
fs_item *fs_item_next_sibling(const fs_item *it) { return it->next; }

fs_item *fs_dir_find(const fs_item *dir, const uint16_t *name, size_t len)
{
    uint32_t h;
    fs_item *c;
    if (!dir->is_dir || !dir->nbuckets) return NULL;
    h = fs_name_hash_ci(name, len);
    for (c = dir->buckets[h & (dir->nbuckets - 1)]; c; c = c->hash_next)
        if (c->hash == h && fs_name_equal_ci(c->name, c->name_len, name, len))
            return c;
    return NULL;
}

static int grow_buckets(fs_item *dir)
{
    uint32_t n = dir->nbuckets ? dir->nbuckets * 2 : 8, i;
    fs_item **b = calloc(n, sizeof(*b)), *c;
    if (!b) return 0;
    for (i = 0; i < dir->nbuckets; i++)
    {
        fs_item *next;
        for (c = dir->buckets[i]; c; c = next)
        {
            next = c->hash_next;
            c->hash_next = b[c->hash & (n - 1)];
            b[c->hash & (n - 1)] = c;
        }
    }
    free(dir->buckets);
    dir->buckets = b;
    dir->nbuckets = n;
    return 1;
}

static void propagate(fs_item *dir, const fs_item *it, int sign)
{
    uint32_t files = it->is_dir ? it->sub_files : 1;
    uint32_t dirs = it->is_dir ? it->sub_dirs + 1 : 0;
    uint64_t blocks = it->is_dir ? it->sub_blocks : src_blocks(&it->src);
    for (; dir; dir = dir->parent)
    {
        if (sign > 0) { dir->sub_files += files; dir->sub_dirs += dirs; dir->sub_blocks += blocks; }
        else { dir->sub_files -= files; dir->sub_dirs -= dirs; dir->sub_blocks -= blocks; }
    }
}

/* Insert after prev (NULL: at the head). Buckets must have room. */
static void link_child(fs_item *dir, fs_item *it, fs_item *prev)
{
    fs_item **slot = &dir->buckets[it->hash & (dir->nbuckets - 1)];
    it->hash_next = *slot;
    *slot = it;
    it->prev = prev;
    it->next = prev ? prev->next : dir->first;
    if (it->next) it->next->prev = it; else dir->last = it;
    if (prev) prev->next = it; else dir->first = it;
    it->parent = dir;
    dir->count++;
    propagate(dir, it, +1);
}

static void unlink_child(fs_item *dir, fs_item *it)
{
    fs_item **slot = &dir->buckets[it->hash & (dir->nbuckets - 1)];
    while (*slot != it) slot = &(*slot)->hash_next;
    *slot = it->hash_next;
    if (it->prev) it->prev->next = it->next; else dir->first = it->next;
    if (it->next) it->next->prev = it->prev; else dir->last = it->prev;
    it->prev = it->next = it->hash_next = NULL;
    it->parent = NULL;
    dir->count--;
    propagate(dir, it, -1);
}

static int32_t journal_add(fs_tree *t, int op, fs_item *item, fs_item *parent, fs_item *prev)
{
    journal_entry *e;
    if (t->journal_len == t->journal_cap)
    {
        size_t cap = t->journal_cap ? t->journal_cap * 2 : 64;
        journal_entry *j = realloc(t->journal, cap * sizeof(*j));
        if (!j) return FS_E_OUTOFMEMORY;
        t->journal = j;
        t->journal_cap = cap;
    }
    if (t->group_depth == 0 || t->group_fresh)
        t->change_point++;
    t->group_fresh = 0;
    e = &t->journal[t->journal_len++];
    e->point = t->change_point;
    e->op = op;
    e->item = item; fs_item_addref(item);
    e->parent = parent; if (parent) fs_item_addref(parent);
    e->prev = prev; if (prev) fs_item_addref(prev);
    return 0;
}

static unsigned dir_level(const fs_item *dir)
{
    unsigned l = 1;
    for (; dir->parent; dir = dir->parent) l++;
    return l;
}

int32_t fs_dir_add(fs_tree *t, fs_item *dir, fs_item *item)
{
    int in_tree;
    int32_t hr;
    fs_item *p;
    if (!dir->is_dir) return IMAPI_E_NOT_DIR;
    if (item->parent || item == t->root) return IMAPI_E_INVALID_PARAM;
    for (p = dir; p; p = p->parent)
        if (p == item) return IMAPI_E_INVALID_PARAM;
    if (fs_dir_find(dir, item->name, item->name_len)) return IMAPI_E_DUP_NAME;
    in_tree = fs_item_in_tree(dir);
    if (in_tree)
    {
        uint64_t max_file = item->is_dir ? 0 : item->src.size;
        unsigned height = item->is_dir ? subtree_stats(item, &max_file) : 0;
        if (t->max_levels && dir_level(dir) + height > t->max_levels) return IMAPI_E_ISO9660_LEVELS;
        if (t->max_file_size && max_file > t->max_file_size) return IMAPI_E_DATA_TOO_BIG;
        if (t->max_blocks
            && t->root->sub_blocks + (item->is_dir ? item->sub_blocks : src_blocks(&item->src)) > t->max_blocks)
            return IMAPI_E_IMAGE_SIZE_LIMIT;
        if (t->max_dirs && item->is_dir && (uint64_t)t->root->sub_dirs + item->sub_dirs + 1 > t->max_dirs)
            return IMAPI_E_TOO_MANY_DIRS;
    }
    if (dir->count + 1 > dir->nbuckets && !grow_buckets(dir)) return FS_E_OUTOFMEMORY;
    if (in_tree && (hr = journal_add(t, OP_ADD, item, NULL, NULL))) return hr;
    fs_item_addref(item);
    link_child(dir, item, dir->last);
    return 0;
}

int32_t fs_item_remove(fs_tree *t, fs_item *item, int recursive)
{
    fs_item *dir = item->parent;
    int32_t hr;
    if (item == t->root)
    {
        if (!recursive && item->count) return IMAPI_E_DIR_NOT_EMPTY;
        fs_tree_group_begin(t);
        while (item->last && !(hr = fs_item_remove(t, item->last, 1))) {}
        fs_tree_group_end(t);
        return item->last ? hr : 0;
    }
    if (!dir) return IMAPI_E_NOT_IN_FILE_SYSTEM;
    if (item->is_dir && item->count && !recursive) return IMAPI_E_DIR_NOT_EMPTY;
    if (fs_item_in_tree(dir) && (hr = journal_add(t, OP_REMOVE, item, dir, item->prev))) return hr;
    unlink_child(dir, item);
    fs_item_release(item);
    return 0;
}

/* ---- paths ---- */

static int is_sep(uint16_t c) { return c == '\\' || c == '/'; }

/* Walks all components; *leaf gets the last one's start. */
int32_t fs_tree_lookup(fs_tree *t, fs_item *base, const uint16_t *path, size_t len, fs_item **out)
{
    fs_item *cur = base ? base : t->root;
    size_t i = 0;
    if (!path || len == 0) return IMAPI_E_INVALID_PATH;
    if (is_sep(path[0])) { cur = t->root; i = 1; }
    while (i < len)
    {
        size_t start = i;
        fs_item *next;
        while (i < len && !is_sep(path[i])) i++;
        if (i == start) return IMAPI_E_INVALID_PATH;          /* empty component */
        if (fs_name_check(path + start, i - start, 0)) return IMAPI_E_INVALID_PATH;
        if (!cur->is_dir) return IMAPI_E_INVALID_PATH;
        next = fs_dir_find(cur, path + start, i - start);
        if (i < len) i++;                                      /* skip the separator */
        if (!next) return i < len ? IMAPI_E_DIR_NOT_FOUND : IMAPI_E_ITEM_NOT_FOUND;
        cur = next;
    }
    *out = cur;
    return 0;
}

/* Split path into parent directory and leaf name. */
static int32_t resolve_parent(fs_tree *t, fs_item *base, const uint16_t *path, size_t len,
                              fs_item **parent, const uint16_t **leaf, size_t *leaf_len)
{
    size_t end = len, start;
    int32_t hr;
    if (!path || len == 0) return IMAPI_E_INVALID_PATH;
    if (end > 1 && is_sep(path[end - 1])) end--;              /* one trailing separator */
    start = end;
    while (start > 0 && !is_sep(path[start - 1])) start--;
    if (start == end) return IMAPI_E_INVALID_PATH;
    *leaf = path + start;
    *leaf_len = end - start;
    if (start == 0) { *parent = base ? base : t->root; return 0; }
    if (start == 1) { *parent = t->root; return 0; }
    hr = fs_tree_lookup(t, base, path, start - 1, parent);
    if (hr == IMAPI_E_ITEM_NOT_FOUND) hr = IMAPI_E_DIR_NOT_FOUND;
    if (!hr && !(*parent)->is_dir) hr = IMAPI_E_INVALID_PATH;
    return hr;
}

static int32_t add_path(fs_tree *t, fs_item *base, const uint16_t *path, size_t len,
                        const fs_data_source *src, int is_dir, fs_item **out)
{
    fs_item *parent, *it;
    const uint16_t *leaf;
    size_t leaf_len;
    int32_t hr = resolve_parent(t, base, path, len, &parent, &leaf, &leaf_len);
    if (!hr)
    {
        hr = fs_name_check(leaf, leaf_len, t->restricted);
        if (hr == IMAPI_E_INVALID_PARAM) hr = IMAPI_E_INVALID_PATH;
    }
    if (hr)
    {
        if (src && src->release) src->release(src->ctx);
        return hr;
    }
    hr = is_dir ? fs_item_new_dir(t, leaf, leaf_len, &it) : fs_item_new_file(t, leaf, leaf_len, src, &it);
    if (hr) return hr;
    hr = fs_dir_add(t, parent, it);
    if (!hr && out) *out = it;
    fs_item_release(it);
    return hr;
}

int32_t fs_tree_add_dir_path(fs_tree *t, fs_item *base, const uint16_t *path, size_t len, fs_item **out)
{
    return add_path(t, base, path, len, NULL, 1, out);
}

int32_t fs_tree_add_file_path(fs_tree *t, fs_item *base, const uint16_t *path, size_t len,
                              const fs_data_source *src, fs_item **out)
{
    return add_path(t, base, path, len, src, 0, out);
}

/* ---- change points ---- */

int32_t fs_tree_change_point(const fs_tree *t) { return t->change_point; }

void fs_tree_group_begin(fs_tree *t) { if (t->group_depth++ == 0) t->group_fresh = 1; }
void fs_tree_group_end(fs_tree *t) { if (t->group_depth) t->group_depth--; }

int32_t fs_tree_rollback(fs_tree *t, int32_t point)
{
    if (point < t->locked_point || point > t->change_point) return IMAPI_E_INVALID_PARAM;
    while (t->journal_len && t->journal[t->journal_len - 1].point > point)
    {
        journal_entry *e = &t->journal[t->journal_len - 1];
        if (e->op == OP_ADD)
        {
            fs_item *dir = e->item->parent;
            unlink_child(dir, e->item);
            fs_item_release(e->item);                          /* the directory's reference */
        }
        else
        {
            /* Every later change is undone already, so parent and prev are where they were. */
            fs_item_addref(e->item);
            if (e->parent->count + 1 > e->parent->nbuckets) grow_buckets(e->parent);
            link_child(e->parent, e->item, e->prev);
        }
        journal_drop(t, t->journal_len - 1);
    }
    t->change_point = point;
    return 0;
}

int32_t fs_tree_lock_in(fs_tree *t)
{
    journal_drop(t, 0);
    t->locked_point = t->change_point;
    return 0;
}
