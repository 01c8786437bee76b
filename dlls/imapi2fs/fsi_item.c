/* FsiDirectoryItem (IFsiDirectoryItem2 : IFsiDirectoryItem : IFsiItem) and FsiFileItem
 * (IFsiFileItem2 : IFsiFileItem : IFsiItem): thin wrappers over core/fs items, handed
 * out by MsftFileSystemImage (Root, CreateDirectoryItem, CreateFileItem, Item, the
 * enumerators). A wrapper holds one reference on its item and one on the image, so
 * several wrappers of one item see the same state; per-file state core/fs lacks (named
 * streams, real time) lives in the image (fsimage_file_extra). */

#include "imapi2fs_private.h"
#include "fs/fs_udf_desc.h"
#include "fs/fs_mangle.h"
#include "fs/fs_name.h"
#include "fs/fs_conform.h"


struct fsi_item
{
    struct imapi_object obj;
    IFsiDirectoryItem2 IFsiDirectoryItem2_iface;
    IFsiFileItem2 IFsiFileItem2_iface;
    struct fsimage *image;
    fs_item *item;
    BOOL named_stream;
};

IMAPI_IUNKNOWN_METHODS(dir, IFsiDirectoryItem2, struct fsi_item, IFsiDirectoryItem2_iface)
IMAPI_IDISPATCH_METHODS(dir, IFsiDirectoryItem2, IID_IFsiDirectoryItem2)
IMAPI_IUNKNOWN_METHODS(file, IFsiFileItem2, struct fsi_item, IFsiFileItem2_iface)
IMAPI_IDISPATCH_METHODS(file, IFsiFileItem2, IID_IFsiFileItem2)

static const IFsiDirectoryItem2Vtbl dir_vtbl;
static const IFsiFileItem2Vtbl file_vtbl;

WCHAR *fsi_item_path(const fs_item *item)
{
    size_t len = fs_item_full_path(item, NULL, 0);
    WCHAR *path = malloc((len + 1) * sizeof(WCHAR));
    if (path) fs_item_full_path(item, (uint16_t *)path, len + 1);
    return path;
}

static HRESULT return_counted(const uint16_t *s, size_t len, BSTR *out)
{
    if (!out) return E_POINTER;
    *out = SysAllocStringLen((const WCHAR *)s, len);
    return *out ? S_OK : E_OUTOFMEMORY;
}

/* ---- IFsiItem, shared by both kinds ---- */

static HRESULT item_get_Name(struct fsi_item *item, BSTR *pVal)
{
    size_t len;
    const uint16_t *name = fs_item_name(item->item, &len);
    return return_counted(name, len, pVal);
}

static HRESULT item_get_FullPath(struct fsi_item *item, BSTR *pVal)
{
    WCHAR *path;
    HRESULT hr;
    if (!pVal) return E_POINTER;
    if (!(path = fsi_item_path(item->item))) return E_OUTOFMEMORY;
    hr = imapi_return_bstr(path, pVal);
    free(path);
    return hr;
}

enum which_time { TIME_CREATION, TIME_ACCESS, TIME_MODIFICATION };

static fs_time *time_field(fs_item_times *t, enum which_time which)
{
    return which == TIME_CREATION ? &t->creation : which == TIME_ACCESS ? &t->access : &t->modification;
}

static HRESULT item_get_time(struct fsi_item *item, enum which_time which, DATE *pVal)
{
    fs_item_times t;
    if (!pVal) return E_POINTER;
    fs_item_get_times(item->item, &t);
    return fsi_time_to_date(*time_field(&t, which), pVal);
}

/* Named-stream items are read-only (spec 3.7). */
static HRESULT item_put_time(struct fsi_item *item, enum which_time which, DATE value)
{
    fs_item_times t;
    fs_time v;
    if (item->named_stream) return IMAPI_E_READONLY;
    if (FAILED(fsi_date_to_time(value, &v))) return IMAPI_E_INVALID_PARAM;
    fs_item_get_times(item->item, &t);
    *time_field(&t, which) = v;
    fs_item_set_times(item->item, &t);
    return S_OK;
}

static HRESULT item_get_IsHidden(struct fsi_item *item, VARIANT_BOOL *pVal)
{
    if (!pVal) return E_POINTER;
    *pVal = fs_item_hidden(item->item) ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT item_put_IsHidden(struct fsi_item *item, VARIANT_BOOL value)
{
    if (item->named_stream) return IMAPI_E_READONLY;
    fs_item_set_hidden(item->item, value != VARIANT_FALSE);
    return S_OK;
}

/* One name conformed to a file system: core/fs for ISO9660 / Joliet (before any ~N
 * clash suffix, which depends on the siblings); UDF keeps names as they are. */
static HRESULT conformed(struct fsimage *image, const fs_item *item, FsiFileSystems fs, uint16_t *out, size_t *len)
{
    size_t n;
    const uint16_t *name = fs_item_name(item, &n);

    if (fs == FsiFileSystemUDF)
    {
        n = fs_udf_cs0_fit(name, n, 255);   /* what the UDF writer records: 255 bytes of CS0 */
        memcpy(out, name, n * sizeof(*name));
        *len = n;
        return S_OK;
    }
    if (fs != FsiFileSystemISO9660 && fs != FsiFileSystemJoliet) return IMAPI_E_INVALID_PARAM;
    if (!n) { *len = 0; return S_OK; }
    *len = fs_conformed_name(name, n, fs_item_kind(item) == FS_ITEM_DIRECTORY, fs, fsimage_iso_level(image), out);
    return *len == (size_t)-1 ? IMAPI_E_INVALID_PARAM : S_OK;
}

#define CONFORMED_MAX (FS_MANGLE_MAX * 2 + 2 > FS_NAME_MAX ? FS_MANGLE_MAX * 2 + 2 : FS_NAME_MAX + 1)

static HRESULT item_FileSystemName(struct fsi_item *item, FsiFileSystems fs, BSTR *pVal)
{
    uint16_t buf[CONFORMED_MAX];
    size_t len;
    HRESULT hr;

    if (!pVal) return E_POINTER;
    *pVal = NULL;
    if (FAILED(hr = conformed(item->image, item->item, fs, buf, &len))) return hr;
    return return_counted(buf, len, pVal);
}

/* The path of conformed names from the root ("\\" for the root itself). */
static HRESULT item_FileSystemPath(struct fsi_item *item, FsiFileSystems fs, BSTR *pVal)
{
    uint16_t buf[CONFORMED_MAX];
    const fs_item *it;
    WCHAR *path = NULL, *tmp;
    size_t total = 0, len;
    HRESULT hr;

    if (!pVal) return E_POINTER;
    *pVal = NULL;
    if (fs != FsiFileSystemISO9660 && fs != FsiFileSystemJoliet && fs != FsiFileSystemUDF) return IMAPI_E_INVALID_PARAM;
    for (it = item->item; it && fs_item_parent(it); it = fs_item_parent(it))
    {
        if (FAILED(hr = conformed(item->image, it, fs, buf, &len))) { free(path); return hr; }
        if (!(tmp = malloc((total + len + 2) * sizeof(WCHAR)))) { free(path); return E_OUTOFMEMORY; }
        tmp[0] = '\\';
        memcpy(tmp + 1, buf, len * sizeof(WCHAR));
        if (total) memcpy(tmp + 1 + len, path, total * sizeof(WCHAR));
        total += len + 1;
        free(path);
        path = tmp;
    }
    if (!total) return imapi_return_bstr(L"\\", pVal);
    *pVal = SysAllocStringLen(path, total);
    free(path);
    return *pVal ? S_OK : E_OUTOFMEMORY;
}

#define ITEM_THUNKS(prefix, Iface) \
    static HRESULT WINAPI prefix##_get_Name(Iface *iface, BSTR *p) \
    { TRACE("(%p)->(%p)\n", iface, p); return item_get_Name(prefix##_impl(iface), p); } \
    static HRESULT WINAPI prefix##_get_FullPath(Iface *iface, BSTR *p) \
    { TRACE("(%p)->(%p)\n", iface, p); return item_get_FullPath(prefix##_impl(iface), p); } \
    static HRESULT WINAPI prefix##_get_CreationTime(Iface *iface, DATE *p) \
    { TRACE("(%p)->(%p)\n", iface, p); return item_get_time(prefix##_impl(iface), TIME_CREATION, p); } \
    static HRESULT WINAPI prefix##_put_CreationTime(Iface *iface, DATE v) \
    { TRACE("(%p)->(%f)\n", iface, v); return item_put_time(prefix##_impl(iface), TIME_CREATION, v); } \
    static HRESULT WINAPI prefix##_get_LastAccessedTime(Iface *iface, DATE *p) \
    { TRACE("(%p)->(%p)\n", iface, p); return item_get_time(prefix##_impl(iface), TIME_ACCESS, p); } \
    static HRESULT WINAPI prefix##_put_LastAccessedTime(Iface *iface, DATE v) \
    { TRACE("(%p)->(%f)\n", iface, v); return item_put_time(prefix##_impl(iface), TIME_ACCESS, v); } \
    static HRESULT WINAPI prefix##_get_LastModifiedTime(Iface *iface, DATE *p) \
    { TRACE("(%p)->(%p)\n", iface, p); return item_get_time(prefix##_impl(iface), TIME_MODIFICATION, p); } \
    static HRESULT WINAPI prefix##_put_LastModifiedTime(Iface *iface, DATE v) \
    { TRACE("(%p)->(%f)\n", iface, v); return item_put_time(prefix##_impl(iface), TIME_MODIFICATION, v); } \
    static HRESULT WINAPI prefix##_get_IsHidden(Iface *iface, VARIANT_BOOL *p) \
    { TRACE("(%p)->(%p)\n", iface, p); return item_get_IsHidden(prefix##_impl(iface), p); } \
    static HRESULT WINAPI prefix##_put_IsHidden(Iface *iface, VARIANT_BOOL v) \
    { TRACE("(%p)->(%d)\n", iface, v); return item_put_IsHidden(prefix##_impl(iface), v); } \
    static HRESULT WINAPI prefix##_FileSystemName(Iface *iface, FsiFileSystems fs, BSTR *p) \
    { TRACE("(%p)->(%#x %p)\n", iface, fs, p); return item_FileSystemName(prefix##_impl(iface), fs, p); } \
    static HRESULT WINAPI prefix##_FileSystemPath(Iface *iface, FsiFileSystems fs, BSTR *p) \
    { TRACE("(%p)->(%#x %p)\n", iface, fs, p); return item_FileSystemPath(prefix##_impl(iface), fs, p); }

ITEM_THUNKS(dir, IFsiDirectoryItem2)
ITEM_THUNKS(file, IFsiFileItem2)

/* ---- events ---- */

/* DFileSystemImageEvents::Update for one file's data. With StageFiles TRUE the copy
 * loop reports (fsi_source_stage: 0, every MB, the tail). Without staging file data is
 * read when the image stream is read, not at Add time, so nothing is copied here; we
 * still report each added file as IMAPI does while it copies: once with 0 copied
 * sectors and once with all of them (files of 0 bytes: the first call only). */
static void fire_file(struct fsimage *image, const WCHAR *name, ULONGLONG size)
{
    ULONGLONG sectors = (size + 2047) / 2048;
    LONG total = sectors > MAXLONG ? MAXLONG : (LONG)sectors;
    fsimage_fire_update(image, name, 0, total);
    if (total) fsimage_fire_update(image, name, total, total);
}

/* StageFiles TRUE and Add: stage the data of every file of a detached subtree, named
 * for the event by its path once added (prefix: the path of its parent then, "" for
 * the root). The replaced sources are kept in *saved (one reference each) so a failed
 * add can put them back (unstage_subtree). */
struct staged_file
{
    fs_item *item;
    fs_data_source old;
};

static HRESULT stage_subtree(struct fsimage *image, const WCHAR *dir, const WCHAR *prefix, fs_item *item,
                             struct staged_file **saved, unsigned *count, unsigned *capacity)
{
    size_t plen = wcslen(prefix), nlen;
    const uint16_t *n = fs_item_name(item, &nlen);
    WCHAR *name;
    fs_item *c;
    HRESULT hr = S_OK;

    if (!(name = malloc((plen + nlen + 2) * sizeof(WCHAR)))) return E_OUTOFMEMORY;
    memcpy(name, prefix, plen * sizeof(WCHAR));
    name[plen] = '\\';
    memcpy(name + plen + 1, n, nlen * sizeof(WCHAR));
    name[plen + 1 + nlen] = 0;
    if (fs_item_kind(item) == FS_ITEM_FILE)
    {
        const fs_data_source *src = fs_file_source(item);
        struct staged_file *sf;
        fs_data_source staged;

        /* a file without data has nothing to copy; staged data is not copied twice */
        if (!src || !src->ctx || fsi_source_is_staged(src)) goto done;
        if (*count == *capacity)
        {
            if (!(sf = realloc(*saved, (*capacity * 2 + 8) * sizeof(*sf)))) { hr = E_OUTOFMEMORY; goto done; }
            *saved = sf;
            *capacity = *capacity * 2 + 8;
        }
        if (FAILED(hr = fsi_source_stage(image, dir, name, src, &staged))) goto done;
        sf = &(*saved)[*count];
        sf->item = item;
        sf->old = *src;
        if (sf->old.addref) sf->old.addref(sf->old.ctx);
        if ((hr = fs_file_set_source(item, &staged)))
        {
            if (sf->old.release) sf->old.release(sf->old.ctx);
            staged.release(staged.ctx);
            goto done;
        }
        (*count)++;
        goto done;
    }
    for (c = fs_dir_first_child(item); c; c = fs_item_next_sibling(c))
        if (FAILED(hr = stage_subtree(image, dir, name, c, saved, count, capacity))) break;
done:
    free(name);
    return hr;
}

/* Undo stage_subtree (restore = TRUE: the add failed) or forget the old sources. */
static void unstage_subtree(struct staged_file *saved, unsigned count, BOOL restore)
{
    unsigned i;

    for (i = 0; i < count; i++)
    {
        if (restore && !fs_file_set_source(saved[i].item, &saved[i].old)) continue;
        if (saved[i].old.release) saved[i].old.release(saved[i].old.ctx);
    }
    free(saved);
}

static void fire_subtree(struct fsimage *image, fs_item *item)
{
    fs_item *c;
    WCHAR *path;

    if (fs_item_kind(item) == FS_ITEM_FILE)
    {
        if ((path = fsi_item_path(item)))
        {
            fire_file(image, path, fs_file_size(item));
            free(path);
        }
        return;
    }
    for (c = fs_dir_first_child(item); c; c = fs_item_next_sibling(c)) fire_subtree(image, c);
}

/* ---- IFsiDirectoryItem ---- */

static HRESULT lookup(struct fsi_item *item, BSTR path, fs_item **out)
{
    size_t len = fsi_bstr_len(path);
    if (!len) return IMAPI_E_INVALID_PARAM;
    return fs_tree_lookup(fsimage_tree(item->image), item->item, (const uint16_t *)path, len, out);
}

static HRESULT children(struct fsi_item *item, IFsiItem ***out, ULONG *count)
{
    ULONG n = fs_dir_child_count(item->item), i = 0;
    IFsiItem **items = calloc(n ? n : 1, sizeof(*items));
    fs_item *c;
    HRESULT hr = S_OK;

    if (!items) return E_OUTOFMEMORY;
    for (c = fs_dir_first_child(item->item); c && i < n; c = fs_item_next_sibling(c), i++)
        if (FAILED(hr = fsi_item_create(item->image, c, FALSE, &IID_IFsiItem, (void **)&items[i]))) break;
    if (FAILED(hr))
    {
        while (i--) IFsiItem_Release(items[i]);
        free(items);
        return hr;
    }
    *out = items;
    *count = i;
    return S_OK;
}

/* Children as VT_DISPATCH item objects: scripts use them as items (spec docbug 10:
 * the reference page's "VT_BSTR paths" is not what the samples rely on). */
static HRESULT WINAPI dir_get__NewEnum(IFsiDirectoryItem2 *iface, IEnumVARIANT **NewEnum)
{
    struct fsi_item *item = dir_impl(iface);
    IFsiItem **items;
    VARIANT *vars;
    ULONG n, i;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", item, NewEnum);
    if (!NewEnum) return E_POINTER;
    *NewEnum = NULL;
    if (FAILED(hr = children(item, &items, &n))) return hr;
    if (!(vars = calloc(n ? n : 1, sizeof(*vars)))) hr = E_OUTOFMEMORY;
    else
    {
        for (i = 0; i < n; i++)
        {
            V_VT(&vars[i]) = VT_DISPATCH;
            V_DISPATCH(&vars[i]) = (IDispatch *)items[i];
        }
        hr = imapi_enum_variant_create(vars, n, NewEnum);
        free(vars);
    }
    for (i = 0; i < n; i++) IFsiItem_Release(items[i]);
    free(items);
    return hr;
}

static HRESULT WINAPI dir_get_Item(IFsiDirectoryItem2 *iface, BSTR path, IFsiItem **item)
{
    struct fsi_item *fsi = dir_impl(iface);
    fs_item *it;
    HRESULT hr;

    TRACE("(%p)->(%s %p)\n", fsi, debugstr_w(path), item);
    if (!item) return E_POINTER;
    *item = NULL;
    if ((hr = lookup(fsi, path, &it))) return hr;
    return fsi_item_create(fsi->image, it, FALSE, &IID_IFsiItem, (void **)item);
}

static HRESULT WINAPI dir_get_Count(IFsiDirectoryItem2 *iface, LONG *Count)
{
    TRACE("(%p)->(%p)\n", iface, Count);
    if (!Count) return E_POINTER;
    *Count = fs_dir_child_count(dir_impl(iface)->item);
    return S_OK;
}

static HRESULT WINAPI dir_get_EnumFsiItems(IFsiDirectoryItem2 *iface, IEnumFsiItems **NewEnum)
{
    struct fsi_item *item = dir_impl(iface);
    IFsiItem **items;
    ULONG n, i;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", item, NewEnum);
    if (!NewEnum) return E_POINTER;
    *NewEnum = NULL;
    if (FAILED(hr = children(item, &items, &n))) return hr;
    hr = fsi_enum_items_create(items, n, NewEnum);
    for (i = 0; i < n; i++) IFsiItem_Release(items[i]);
    free(items);
    return hr;
}

static HRESULT WINAPI dir_AddDirectory(IFsiDirectoryItem2 *iface, BSTR path)
{
    struct fsi_item *item = dir_impl(iface);
    size_t len = fsi_bstr_len(path);

    TRACE("(%p)->(%s)\n", item, debugstr_w(path));
    if (!len) return IMAPI_E_INVALID_PARAM;
    return fs_tree_add_dir_path(fsimage_tree(item->image), item->item, (const uint16_t *)path, len, NULL);
}

/* The image path a file added by path below dir will have (the Update event's
 * currentFile while its data is staged); '/' is a separator too. */
static WCHAR *added_path(fs_item *dir, const WCHAR *path, size_t len)
{
    WCHAR *base = NULL, *out;
    size_t blen = 0, i;

    if (path[0] != '\\' && path[0] != '/')
    {
        if (!(base = fsi_item_path(dir))) return NULL;
        blen = wcslen(base);
        if (blen && base[blen - 1] == '\\') blen--;
    }
    if (!(out = malloc((blen + len + 2) * sizeof(WCHAR))))
    {
        free(base);
        return NULL;
    }
    if (blen) memcpy(out, base, blen * sizeof(WCHAR));
    if (base) out[blen++] = '\\';
    memcpy(out + blen, path, len * sizeof(WCHAR));
    out[blen + len] = 0;
    for (i = 0; out[i]; i++) if (out[i] == '/') out[i] = '\\';
    free(base);
    return out;
}

static HRESULT WINAPI dir_AddFile(IFsiDirectoryItem2 *iface, BSTR path, IStream *fileData)
{
    struct fsi_item *item = dir_impl(iface);
    size_t len = fsi_bstr_len(path);
    const WCHAR *dir;
    fs_data_source src;
    fs_item *it;
    HRESULT hr;

    TRACE("(%p)->(%s %p)\n", item, debugstr_w(path), fileData);
    if (!fileData) return E_POINTER;
    if (!len) return IMAPI_E_INVALID_PARAM;
    if (FAILED(hr = fsi_source_from_stream(fileData, &src))) return hr;
    if ((dir = fsimage_stage_dir(item->image)))
    {
        fs_data_source staged;
        WCHAR *name;

        /* an existing name fails before any copy is made */
        if (!fs_tree_lookup(fsimage_tree(item->image), item->item, (const uint16_t *)path, len, &it))
        {
            src.release(src.ctx);
            return IMAPI_E_DUP_NAME;
        }
        if (!(name = added_path(item->item, path, len)))
        {
            src.release(src.ctx);
            return E_OUTOFMEMORY;
        }
        hr = fsi_source_stage(item->image, dir, name, &src, &staged);
        free(name);
        src.release(src.ctx);
        if (FAILED(hr)) return hr;
        src = staged;
    }
    /* the tree owns src from here, also on failure */
    if ((hr = fs_tree_add_file_path(fsimage_tree(item->image), item->item, (const uint16_t *)path, len, &src, &it)))
        return hr;
    if (!dir) fire_subtree(item->image, it);
    return S_OK;
}

/* ---- AddTree ---- */

/* Disk names become item names through core/fs's fs_listing_conform (fs_conform.h,
 * [undoc]): every file of the folder is kept. Names Windows cannot hold (a Linux folder
 * under Wine: "Song: Title.mp3", "notes.", "CaseA.txt" next to "casea.txt") get a
 * conformed, unique name; each renaming is logged (WARN) with both names. The data of
 * an entry whose name needed conforming is read through its short (8.3) name when the
 * disk has one (Wine makes one for every such name; the long name may not open at all,
 * and Win32 strips a trailing dot or space), and the file is opened once at add time
 * so that a file that cannot be read fails AddTree, not the writing of the image.
 * A failure names the disk path: WARN, and the error description (IErrorInfo, which
 * scripts see as Err.Description). */
struct tree_walk
{
    struct fsimage *image;
    fs_tree *tree;
    WCHAR path[32768];
    WCHAR failed[32768];        /* the disk path a failure concerns */
    BOOL named_streams;
    BOOL streams_lost;
    const WCHAR *stage_dir;     /* StageFiles TRUE: WorkingDirectory */
};

struct disk_entry
{
    WCHAR *name;
    WCHAR short_name[14];
    DWORD attrs;
    ULONGLONG size;
    FILETIME creation, access, write;
};

static void set_item_times(fs_item *it, const struct disk_entry *d)
{
    fs_item_times t;
    t.creation = ((LONGLONG)d->creation.dwHighDateTime << 32) | d->creation.dwLowDateTime;
    t.access = ((LONGLONG)d->access.dwHighDateTime << 32) | d->access.dwLowDateTime;
    t.modification = ((LONGLONG)d->write.dwHighDateTime << 32) | d->write.dwLowDateTime;
    fs_item_set_times(it, &t);
    fs_item_set_hidden(it, (d->attrs & FILE_ATTRIBUTE_HIDDEN) != 0);
}

static void disk_entry_from(struct disk_entry *d, const WIN32_FIND_DATAW *fd)
{
    d->attrs = fd->dwFileAttributes;
    d->size = ((ULONGLONG)fd->nFileSizeHigh << 32) | fd->nFileSizeLow;
    d->creation = fd->ftCreationTime;
    d->access = fd->ftLastAccessTime;
    d->write = fd->ftLastWriteTime;
    lstrcpynW(d->short_name, fd->cAlternateFileName, ARRAY_SIZE(d->short_name));
}

static WCHAR *u16dup(const uint16_t *s, size_t len)
{
    WCHAR *p = malloc((len + 1) * sizeof(WCHAR));
    if (p)
    {
        memcpy(p, s, len * sizeof(WCHAR));
        p[len] = 0;
    }
    return p;
}

/* AddTreeWithNamedStreams: alternate data streams of one file become named streams. */
static HRESULT add_named_streams(struct tree_walk *w, fs_item *file)
{
    WIN32_FIND_STREAM_DATA sd;
    struct fsi_file_extra *extra;
    size_t base = wcslen(w->path);
    HANDLE h;
    HRESULT hr = S_OK;

    h = FindFirstStreamW(w->path, FindStreamInfoStandard, &sd, 0);
    if (h == INVALID_HANDLE_VALUE) return S_OK;   /* no streams, or not supported here */
    do
    {
        WCHAR *name = sd.cStreamName, *end;
        IStream *stream;
        struct fsi_named_stream *ns;

        /* ":name:$DATA"; the unnamed "::$DATA" is the file itself */
        if (name[0] != ':' || name[1] == ':') continue;
        name++;
        if ((end = wcschr(name, ':'))) *end = 0;
        if (fsimage_named_stream_count(w->image) >= 1000) { w->streams_lost = TRUE; continue; }
        if (base + wcslen(name) + 2 >= ARRAY_SIZE(w->path)) continue;
        swprintf(w->path + base, ARRAY_SIZE(w->path) - base, L":%ls", name);
        hr = SHCreateStreamOnFileEx(w->path, STGM_READ | STGM_SHARE_DENY_NONE, FILE_ATTRIBUTE_NORMAL, FALSE, NULL,
                                    &stream);
        if (FAILED(hr)) { w->path[base] = 0; hr = IMAPI_E_DATA_STREAM_CREATE_FAILURE; break; }
        if (w->stage_dir)
        {
            IStream *staged;
            hr = fsi_source_stage_stream(w->image, w->stage_dir, w->path, stream, &staged);
            IStream_Release(stream);
            if (FAILED(hr)) { w->path[base] = 0; break; }
            stream = staged;
        }
        w->path[base] = 0;
        if (!(extra = fsimage_file_extra(w->image, file, TRUE))
            || (extra->count == extra->capacity
                && !(ns = realloc(extra->streams, (extra->capacity * 2 + 4) * sizeof(*ns)))))
        {
            IStream_Release(stream);
            hr = E_OUTOFMEMORY;
            break;
        }
        if (extra->count == extra->capacity)
        {
            extra->streams = ns;
            extra->capacity = extra->capacity * 2 + 4;
        }
        ns = &extra->streams[extra->count];
        ns->name = _wcsdup(name);
        ns->data = stream;
        ns->size = sd.StreamSize.QuadPart;
        extra->count++;
    } while (FindNextStreamW(h, &sd));
    FindClose(h);
    return hr;
}

/* w->path = its directory (base units) + '\\' + name; TRUE when that opens (a file) or
 * is a directory. A name that needed conforming is opened once here, at add time, so
 * that a file that cannot be read fails AddTree, not the writing of the image. */
static BOOL try_disk_name(struct tree_walk *w, size_t base, const WCHAR *name, BOOL is_dir)
{
    size_t nlen = wcslen(name);
    HANDLE f;
    DWORD attrs;

    if (base + nlen + 2 >= ARRAY_SIZE(w->path)) return FALSE;
    w->path[base] = '\\';
    memcpy(w->path + base + 1, name, (nlen + 1) * sizeof(WCHAR));
    if (is_dir)
    {
        attrs = GetFileAttributesW(w->path);
        return attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY);
    }
    f = CreateFileW(w->path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, 0, NULL);
    if (f == INVALID_HANDLE_VALUE) return FALSE;
    CloseHandle(f);
    return TRUE;
}

/* A file whose long name Win32 path parsing changes (a trailing dot or space) and that
 * has no usable short name: "\\?\" + its directory, if the file opens that way. */
static struct fsi_path_dir *nt_path_dir(struct tree_walk *w, size_t base, const WCHAR *name)
{
    struct fsi_path_dir *dir = NULL;
    WCHAR *nt;
    HANDLE f;

    if (base < 3 || w->path[1] != ':' || w->path[2] != '\\') return NULL;
    if (!(nt = malloc((base + wcslen(name) + 6) * sizeof(WCHAR)))) return NULL;
    swprintf(nt, base + wcslen(name) + 6, L"\\\\?\\%.*ls\\%ls", (int)base, w->path, name);
    f = CreateFileW(nt, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0,
                    NULL);
    if (f != INVALID_HANDLE_VALUE)
    {
        CloseHandle(f);
        nt[base + 4] = 0;
        if (FAILED(fsi_path_dir_create(nt, &dir))) dir = NULL;
    }
    free(nt);
    return dir;
}

/* One directory: list it whole, conform the names (sorted, so the result does not
 * depend on the disk's order), then add the entries. */
static HRESULT walk(struct tree_walk *w, fs_item *dir)
{
    WIN32_FIND_DATAW fd;
    size_t base = wcslen(w->path), n = 0, cap = 0, k;
    struct disk_entry *ents = NULL;
    fs_listing_entry *list = NULL;
    struct fsi_path_dir *disk_dir = NULL;   /* w->path up to base, shared by its files */
    HANDLE h;
    HRESULT hr = S_OK;

    if (base + 3 >= ARRAY_SIZE(w->path)) return IMAPI_E_INVALID_PATH;
    wcscpy(w->path + base, L"\\*");
    h = FindFirstFileW(w->path, &fd);
    w->path[base] = 0;
    if (h == INVALID_HANDLE_VALUE)
    {
        DWORD err = GetLastError();
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_NO_MORE_FILES) return S_OK;   /* empty */
        WARN("cannot list %s: %lu\n", debugstr_w(w->path), (unsigned long)err);
        if (!w->failed[0]) wcscpy(w->failed, w->path);
        return IMAPI_E_DIRECTORY_READ_FAILURE;
    }
    do
    {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L"..")) continue;
        if (n == cap)
        {
            struct disk_entry *grown = realloc(ents, (cap = cap * 2 + 16) * sizeof(*ents));
            if (!grown) { hr = E_OUTOFMEMORY; break; }
            ents = grown;
        }
        disk_entry_from(&ents[n], &fd);
        if (!(ents[n].name = _wcsdup(fd.cFileName))) { hr = E_OUTOFMEMORY; break; }
        n++;
    } while (FindNextFileW(h, &fd));
    FindClose(h);
    if (SUCCEEDED(hr) && n && !(list = calloc(n, sizeof(*list)))) hr = E_OUTOFMEMORY;
    if (SUCCEEDED(hr))
    {
        for (k = 0; k < n; k++)
        {
            list[k].name = (const uint16_t *)ents[k].name;
            list[k].len = wcslen(ents[k].name);
            list[k].is_dir = (ents[k].attrs & FILE_ATTRIBUTE_DIRECTORY) != 0;
            list[k].index = k;
        }
        hr = fs_listing_conform(list, n);
        if (FAILED(hr) && !w->failed[0]) wcscpy(w->failed, w->path);
    }

    for (k = 0; k < n && SUCCEEDED(hr); k++)
    {
        const struct disk_entry *d = &ents[list[k].index];
        const uint16_t *item_name = list[k].item_name;
        size_t item_len = list[k].item_len;
        const WCHAR *disk_name = d->name;
        struct fsi_path_dir *nt_dir = NULL;   /* "\\\\?\\" + w->path: a name Win32 would change */
        fs_item *existing, *it;
        BOOL is_dir = list[k].is_dir;
        size_t nlen;

        if (list[k].flags)
        {
            WCHAR *shown = u16dup(item_name, item_len);
            WARN("%s\\%s is added as %s (%s%s%s)\n", debugstr_w(w->path), debugstr_w(d->name), debugstr_w(shown),
                 (list[k].flags & FS_CONFORM_CHARS) ? "characters Windows cannot hold" : "",
                 list[k].flags == (FS_CONFORM_CHARS | FS_CONFORM_CASE) ? ", then " : "",
                 (list[k].flags & FS_CONFORM_CASE) ? "a clash by case" : "");
            free(shown);
        }
        if (list[k].flags & FS_CONFORM_CHARS)
        {
            /* the long name, else the short one, else (files) the long one unparsed */
            if (!try_disk_name(w, base, disk_name, is_dir)
                && !(d->short_name[0] && try_disk_name(w, base, disk_name = d->short_name, is_dir))
                && !(!is_dir && (nt_dir = nt_path_dir(w, base, disk_name = d->name))))
            {
                WARN("cannot open %s\\%s\n", debugstr_w(w->path), debugstr_w(d->name));
                try_disk_name(w, base, d->name, is_dir);
                hr = is_dir ? IMAPI_E_DIRECTORY_READ_FAILURE : IMAPI_E_DATA_STREAM_CREATE_FAILURE;
                break;
            }
        }
        nlen = wcslen(disk_name);
        if (base + nlen + 2 >= ARRAY_SIZE(w->path)) { hr = IMAPI_E_INVALID_PATH; break; }
        w->path[base] = '\\';
        memcpy(w->path + base + 1, disk_name, (nlen + 1) * sizeof(WCHAR));

        /* On a name clash with an item that was in the image the entry from disk wins
         * (spec 3.6); directories merge. */
        existing = fs_dir_find(dir, item_name, item_len);
        if (existing && !(is_dir && fs_item_kind(existing) == FS_ITEM_DIRECTORY))
        {
            if ((hr = fs_item_remove(w->tree, existing, 1))) break;
            existing = NULL;
        }
        if (is_dir)
        {
            if (existing) it = existing;
            else
            {
                if ((hr = fs_item_new_dir(w->tree, item_name, item_len, &it))) break;
                hr = fs_dir_add(w->tree, dir, it);
                fs_item_release(it);   /* dir holds it now */
                if (hr) break;
            }
            set_item_times(it, d);
            if (FAILED(hr = walk(w, it))) break;
        }
        else
        {
            fs_data_source src;

            if (nt_dir) {}
            else if (!disk_dir)
            {
                w->path[base] = 0;
                hr = fsi_path_dir_create(w->path, &disk_dir);
                w->path[base] = '\\';
                if (FAILED(hr)) break;
            }
            hr = fsi_source_from_path(nt_dir ? nt_dir : disk_dir, disk_name, d->size, &src);
            fsi_path_dir_release(nt_dir);
            nt_dir = NULL;
            if (FAILED(hr)) break;
            if (w->stage_dir)
            {
                fs_data_source staged;
                hr = fsi_source_stage(w->image, w->stage_dir, w->path, &src, &staged);
                src.release(src.ctx);
                if (FAILED(hr)) break;
                src = staged;
            }
            if ((hr = fs_item_new_file(w->tree, item_name, item_len, &src, &it))) break;
            set_item_times(it, d);
            if (!(hr = fs_dir_add(w->tree, dir, it)))
            {
                if (w->named_streams) hr = add_named_streams(w, it);
                if (SUCCEEDED(hr) && !w->stage_dir) fire_file(w->image, w->path, d->size);
            }
            fs_item_release(it);
            if (FAILED(hr)) break;
        }
        w->path[base] = 0;
    }
    if (FAILED(hr) && !w->failed[0]) wcscpy(w->failed, w->path);
    w->path[base] = 0;
    if (list) fs_listing_release(list, n);
    free(list);
    for (k = 0; k < n; k++) free(ents[k].name);
    free(ents);
    fsi_path_dir_release(disk_dir);
    return hr;
}

/* Atomic (spec 3.6): one change point for the whole walk, rolled back on failure. The
 * source must be an existing directory: otherwise the Win32 error of
 * GetFileAttributesW, or HRESULT_FROM_WIN32(ERROR_DIRECTORY) for a file. */
static HRESULT add_tree(struct fsi_item *item, BSTR source, VARIANT_BOOL include_base, BOOL named_streams)
{
    fs_tree *tree = fsimage_tree(item->image);
    struct tree_walk *w;
    fs_item *target = item->item, *base_dir = NULL;
    WCHAR *base_name = NULL;
    LONG point;
    DWORD attrs;
    size_t len = fsi_bstr_len(source);
    HRESULT hr;

    TRACE("(%p)->(%s %d)\n", item, debugstr_w(source), include_base);
    SetErrorInfo(0, NULL);
    if (!len) return IMAPI_E_INVALID_PARAM;
    attrs = GetFileAttributesW(source);
    if (attrs == INVALID_FILE_ATTRIBUTES) return HRESULT_FROM_WIN32(GetLastError());
    if (!(attrs & FILE_ATTRIBUTE_DIRECTORY)) return HRESULT_FROM_WIN32(ERROR_DIRECTORY);
    if (!(w = calloc(1, sizeof(*w)))) return E_OUTOFMEMORY;
    w->image = item->image;
    w->tree = tree;
    w->named_streams = named_streams;
    w->stage_dir = fsimage_stage_dir(item->image);
    if (!GetFullPathNameW(source, ARRAY_SIZE(w->path), w->path, NULL) || wcslen(w->path) + 2 >= ARRAY_SIZE(w->path))
    {
        free(w);
        return IMAPI_E_INVALID_PATH;
    }
    len = wcslen(w->path);
    while (len > 3 && (w->path[len - 1] == '\\' || w->path[len - 1] == '/')) w->path[--len] = 0;

    point = fs_tree_change_point(tree);
    fs_tree_group_begin(tree);
    hr = S_OK;
    if (include_base)
    {
        const WCHAR *name = w->path + len;
        WIN32_FIND_DATAW fd;
        HANDLE h;
        size_t nlen;

        while (name > w->path && name[-1] != '\\' && name[-1] != '/') name--;
        nlen = wcslen(name);
        if (!*name || name[nlen - 1] == ':') hr = IMAPI_E_INVALID_PARAM;   /* a drive root has no name */
        else if (!(base_name = calloc(nlen + 1, sizeof(WCHAR)))) hr = E_OUTOFMEMORY;
        else if (fs_name_conform_chars((const uint16_t *)name, nlen, (uint16_t *)base_name))
            WARN("%s is added as %s (characters Windows cannot hold)\n", debugstr_w(w->path), debugstr_w(base_name));
        if (SUCCEEDED(hr) && (base_dir = fs_dir_find(target, (const uint16_t *)base_name, nlen))
            && fs_item_kind(base_dir) != FS_ITEM_DIRECTORY)
        {
            hr = fs_item_remove(tree, base_dir, 1);
            base_dir = NULL;
        }
        if (SUCCEEDED(hr) && !base_dir)
        {
            if (!(hr = fs_item_new_dir(tree, (const uint16_t *)base_name, nlen, &base_dir)))
            {
                hr = fs_dir_add(tree, target, base_dir);
                fs_item_release(base_dir);
            }
        }
        if (SUCCEEDED(hr) && (h = FindFirstFileW(w->path, &fd)) != INVALID_HANDLE_VALUE)
        {
            struct disk_entry d;
            disk_entry_from(&d, &fd);
            set_item_times(base_dir, &d);
            FindClose(h);
        }
        target = base_dir;
    }
    if (SUCCEEDED(hr)) hr = walk(w, target);
    fs_tree_group_end(tree);
    if (FAILED(hr))
    {
        WARN("AddTree %s failed %#lx at %s, rolling back\n", debugstr_w(source), (unsigned long)hr,
             debugstr_w(w->failed[0] ? w->failed : w->path));
        if (fs_item_in_tree(item->item)) fs_tree_rollback(tree, point);
        fsi_set_error_path(hr, &IID_IFsiDirectoryItem, w->failed[0] ? w->failed : w->path);
    }
    else if (named_streams && !fsimage_udf_at_least(item->image, 0x200)) hr = IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED;
    free(base_name);
    free(w);
    return hr;
}

static HRESULT WINAPI dir_AddTree(IFsiDirectoryItem2 *iface, BSTR sourceDirectory, VARIANT_BOOL includeBaseDirectory)
{
    TRACE("(%p)->(%s %d)\n", iface, debugstr_w(sourceDirectory), includeBaseDirectory);
    return add_tree(dir_impl(iface), sourceDirectory, includeBaseDirectory, FALSE);
}

/* Attach an item from CreateFileItem / CreateDirectoryItem. Items of another image
 * object are refused with IMAPI_E_INVALID_PARAM [undoc]; foreign objects with
 * E_NOINTERFACE. */
static HRESULT WINAPI dir_Add(IFsiDirectoryItem2 *iface, IFsiItem *item)
{
    struct fsi_item *fsi = dir_impl(iface);
    const WCHAR *dir;
    struct fsimage *image;
    fs_item *it;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", fsi, item);
    if (!item) return E_POINTER;
    if (!(it = fsi_item_unwrap((IUnknown *)item, &image))) return E_NOINTERFACE;
    if (image != fsi->image) return IMAPI_E_INVALID_PARAM;
    if ((dir = fsimage_stage_dir(fsi->image)))
    {
        struct staged_file *saved = NULL;
        unsigned count = 0, capacity = 0;
        size_t len;
        const uint16_t *name = fs_item_name(it, &len);
        WCHAR *dir_path;

        /* an existing name or an attached item fails before any copy is made */
        if (fs_item_in_tree(it) || fs_item_parent(it)) return IMAPI_E_INVALID_PARAM;
        if (fs_dir_find(fsi->item, name, len)) return IMAPI_E_DUP_NAME;
        if (!(dir_path = fsi_item_path(fsi->item))) return E_OUTOFMEMORY;
        hr = stage_subtree(fsi->image, dir, wcscmp(dir_path, L"\\") ? dir_path : L"", it, &saved, &count,
                           &capacity);
        free(dir_path);
        if (SUCCEEDED(hr)) hr = fs_dir_add(fsimage_tree(fsi->image), fsi->item, it);
        /* a failed Add leaves the item as it was: its own sources, no stash files */
        unstage_subtree(saved, count, FAILED(hr));
        return hr;
    }
    if ((hr = fs_dir_add(fsimage_tree(fsi->image), fsi->item, it))) return hr;
    fire_subtree(fsi->image, it);
    return S_OK;
}

static HRESULT WINAPI dir_Remove(IFsiDirectoryItem2 *iface, BSTR path)
{
    struct fsi_item *item = dir_impl(iface);
    fs_item *it;
    HRESULT hr;

    TRACE("(%p)->(%s)\n", item, debugstr_w(path));
    if ((hr = lookup(item, path, &it))) return hr;
    return fs_item_remove(fsimage_tree(item->image), it, 0);
}

/* A directory and everything below it; "\\" on the root empties the image. A file:
 * IMAPI_E_NOT_DIR. */
static HRESULT WINAPI dir_RemoveTree(IFsiDirectoryItem2 *iface, BSTR path)
{
    struct fsi_item *item = dir_impl(iface);
    fs_item *it;
    HRESULT hr;

    TRACE("(%p)->(%s)\n", item, debugstr_w(path));
    if ((hr = lookup(item, path, &it))) return hr;
    if (fs_item_kind(it) != FS_ITEM_DIRECTORY) return IMAPI_E_NOT_DIR;
    return fs_item_remove(fsimage_tree(item->image), it, 1);
}

/* AddTree plus the files' alternate data streams as named streams; without UDF >= 2.00
 * they are kept but not written: IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED (spec 3.6). */
static HRESULT WINAPI dir_AddTreeWithNamedStreams(IFsiDirectoryItem2 *iface, BSTR sourceDirectory,
                                                  VARIANT_BOOL includeBaseDirectory)
{
    TRACE("(%p)->(%s %d)\n", iface, debugstr_w(sourceDirectory), includeBaseDirectory);
    return add_tree(dir_impl(iface), sourceDirectory, includeBaseDirectory, TRUE);
}

static const IFsiDirectoryItem2Vtbl dir_vtbl =
{
    dir_QueryInterface, dir_AddRef, dir_Release, dir_GetTypeInfoCount, dir_GetTypeInfo, dir_GetIDsOfNames,
    dir_Invoke, dir_get_Name, dir_get_FullPath, dir_get_CreationTime, dir_put_CreationTime,
    dir_get_LastAccessedTime, dir_put_LastAccessedTime, dir_get_LastModifiedTime, dir_put_LastModifiedTime,
    dir_get_IsHidden, dir_put_IsHidden, dir_FileSystemName, dir_FileSystemPath, dir_get__NewEnum, dir_get_Item,
    dir_get_Count, dir_get_EnumFsiItems, dir_AddDirectory, dir_AddFile, dir_AddTree, dir_Add, dir_Remove,
    dir_RemoveTree, dir_AddTreeWithNamedStreams
};

/* ---- IFsiFileItem ---- */

static HRESULT WINAPI file_get_DataSize(IFsiFileItem2 *iface, LONGLONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fs_file_size(file_impl(iface)->item);
    return S_OK;
}

static HRESULT WINAPI file_get_DataSize32BitLow(IFsiFileItem2 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = (LONG)(ULONG)fs_file_size(file_impl(iface)->item);
    return S_OK;
}

static HRESULT WINAPI file_get_DataSize32BitHigh(IFsiFileItem2 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = (LONG)(ULONG)(fs_file_size(file_impl(iface)->item) >> 32);
    return S_OK;
}

/* A new stream on the content, at position 0 (a clone when the source can be cloned).
 * A file item without data gives NULL. */
static HRESULT WINAPI file_get_Data(IFsiFileItem2 *iface, IStream **pVal)
{
    struct fsi_item *item = file_impl(iface);
    TRACE("(%p)->(%p)\n", item, pVal);
    if (!pVal) return E_POINTER;
    return fsi_source_get_stream(fs_file_source(item->item), pVal);
}

/* Read-only once the item is in the image (IMAPI_E_READONLY, core/fs). */
static HRESULT WINAPI file_put_Data(IFsiFileItem2 *iface, IStream *newVal)
{
    struct fsi_item *item = file_impl(iface);
    fs_data_source src;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", item, newVal);
    if (!newVal) return E_POINTER;
    if (item->named_stream || fs_item_in_tree(item->item)) return IMAPI_E_READONLY;
    if (FAILED(hr = fsi_source_from_stream(newVal, &src))) return hr;
    if ((hr = fs_file_set_source(item->item, &src))) src.release(src.ctx);
    return hr;
}

static HRESULT WINAPI file_get_FsiNamedStreams(IFsiFileItem2 *iface, IFsiNamedStreams **streams)
{
    struct fsi_item *item = file_impl(iface);
    TRACE("(%p)->(%p)\n", item, streams);
    if (!streams) return E_POINTER;
    *streams = NULL;
    if (item->named_stream) return IMAPI_E_PROPERTY_NOT_ACCESSIBLE;
    return fsi_named_streams_create(item->image, item->item, streams);
}

static HRESULT WINAPI file_get_IsNamedStream(IFsiFileItem2 *iface, VARIANT_BOOL *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = file_impl(iface)->named_stream ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

/* The file must be in the image (IMAPI_E_NOT_IN_FILE_SYSTEM); a named-stream item
 * cannot carry streams (IMAPI_E_READONLY); duplicates (case-insensitive):
 * IMAPI_E_DUP_NAME; the 1001st stream of an image: IMAPI_E_IMAGE_SIZE_LIMIT [undoc].
 * Without UDF >= 2.00 the stream is kept and IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED
 * returned (spec pitfall 14). */
static HRESULT WINAPI file_AddStream(IFsiFileItem2 *iface, BSTR name, IStream *streamData)
{
    struct fsi_item *item = file_impl(iface);
    const WCHAR *dir;
    struct fsi_file_extra *extra;
    struct fsi_named_stream *ns;
    size_t len = fsi_bstr_len(name);
    STATSTG st;
    unsigned i;
    HRESULT hr;

    TRACE("(%p)->(%s %p)\n", item, debugstr_w(name), streamData);
    if (!streamData) return E_POINTER;
    if (item->named_stream) return IMAPI_E_READONLY;
    if (fsimage_imported(item->image)) return IMAPI_E_READONLY;   /* spec: "on any imported image" */
    if (!len || fs_name_check((const uint16_t *)name, len, 0)) return IMAPI_E_INVALID_PARAM;
    if (!fs_item_in_tree(item->item)) return IMAPI_E_NOT_IN_FILE_SYSTEM;
    if ((extra = fsimage_file_extra(item->image, item->item, FALSE)))
        for (i = 0; i < extra->count; i++)
            if (fs_name_equal_ci((const uint16_t *)extra->streams[i].name, wcslen(extra->streams[i].name),
                                 (const uint16_t *)name, len))
                return IMAPI_E_DUP_NAME;
    if (fsimage_named_stream_count(item->image) >= 1000) return IMAPI_E_IMAGE_SIZE_LIMIT;
    if (FAILED(hr = IStream_Stat(streamData, &st, STATFLAG_NONAME))) return IMAPI_E_DATA_STREAM_READ_FAILURE;
    if (!(extra = fsimage_file_extra(item->image, item->item, TRUE))) return E_OUTOFMEMORY;
    if (extra->count == extra->capacity)
    {
        if (!(ns = realloc(extra->streams, (extra->capacity * 2 + 4) * sizeof(*ns)))) return E_OUTOFMEMORY;
        extra->streams = ns;
        extra->capacity = extra->capacity * 2 + 4;
    }
    ns = &extra->streams[extra->count];
    if (!(ns->name = malloc((len + 1) * sizeof(WCHAR)))) return E_OUTOFMEMORY;
    memcpy(ns->name, name, len * sizeof(WCHAR));
    ns->name[len] = 0;
    if ((dir = fsimage_stage_dir(item->image)))
    {
        /* staged like file data; the event names it "<file path>:<stream name>" [undoc] */
        WCHAR *path = fsi_item_path(item->item), *event_name;
        IStream *staged = NULL;

        hr = E_OUTOFMEMORY;
        if (path && (event_name = malloc((wcslen(path) + len + 2) * sizeof(WCHAR))))
        {
            swprintf(event_name, wcslen(path) + len + 2, L"%ls:%ls", path, ns->name);
            hr = fsi_source_stage_stream(item->image, dir, event_name, streamData, &staged);
            free(event_name);
        }
        free(path);
        if (FAILED(hr))
        {
            free(ns->name);
            return hr;
        }
        ns->data = staged;
    }
    else
    {
        ns->data = streamData;
        IStream_AddRef(streamData);
    }
    ns->size = st.cbSize.QuadPart;
    extra->count++;
    return fsimage_udf_at_least(item->image, 0x200) ? S_OK : IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED;
}

/* A name that is not there: IMAPI_E_INVALID_PARAM [undoc]. */
static HRESULT WINAPI file_RemoveStream(IFsiFileItem2 *iface, BSTR name)
{
    struct fsi_item *item = file_impl(iface);
    struct fsi_file_extra *extra;
    size_t len = fsi_bstr_len(name);
    unsigned i;

    TRACE("(%p)->(%s)\n", item, debugstr_w(name));
    if (item->named_stream) return IMAPI_E_READONLY;
    if (!len) return IMAPI_E_INVALID_PARAM;
    if (!fs_item_in_tree(item->item)) return IMAPI_E_NOT_IN_FILE_SYSTEM;
    if (!(extra = fsimage_file_extra(item->image, item->item, FALSE))) return IMAPI_E_INVALID_PARAM;
    for (i = 0; i < extra->count; i++)
        if (fs_name_equal_ci((const uint16_t *)extra->streams[i].name, wcslen(extra->streams[i].name),
                             (const uint16_t *)name, len))
        {
            free(extra->streams[i].name);
            IStream_Release(extra->streams[i].data);
            memmove(&extra->streams[i], &extra->streams[i + 1], (extra->count - i - 1) * sizeof(*extra->streams));
            extra->count--;
            return fsimage_udf_at_least(item->image, 0x200) ? S_OK : IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED;
        }
    return IMAPI_E_INVALID_PARAM;
}

static HRESULT WINAPI file_get_IsRealTime(IFsiFileItem2 *iface, VARIANT_BOOL *pVal)
{
    struct fsi_item *item = file_impl(iface);
    struct fsi_file_extra *extra;
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    extra = fsimage_file_extra(item->image, item->item, FALSE);
    *pVal = extra && extra->real_time ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

/* Kept always; written with UDF >= 2.01 (a real-time file entry, UDF 2.01 file type
 * 249), otherwise putting TRUE answers the success code
 * IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED. Named streams: IMAPI_E_PROPERTY_NOT_ACCESSIBLE
 * (spec 3.7). */
static HRESULT WINAPI file_put_IsRealTime(IFsiFileItem2 *iface, VARIANT_BOOL newVal)
{
    struct fsi_item *item = file_impl(iface);
    struct fsi_file_extra *extra;

    TRACE("(%p)->(%d)\n", item, newVal);
    if (item->named_stream) return IMAPI_E_PROPERTY_NOT_ACCESSIBLE;
    if (!(extra = fsimage_file_extra(item->image, item->item, TRUE))) return E_OUTOFMEMORY;
    extra->real_time = newVal != VARIANT_FALSE;
    fs_item_set_real_time(item->item, extra->real_time);
    if (newVal && !fsimage_udf_at_least(item->image, 0x201)) return IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED;
    return S_OK;
}

static const IFsiFileItem2Vtbl file_vtbl =
{
    file_QueryInterface, file_AddRef, file_Release, file_GetTypeInfoCount, file_GetTypeInfo, file_GetIDsOfNames,
    file_Invoke, file_get_Name, file_get_FullPath, file_get_CreationTime, file_put_CreationTime,
    file_get_LastAccessedTime, file_put_LastAccessedTime, file_get_LastModifiedTime, file_put_LastModifiedTime,
    file_get_IsHidden, file_put_IsHidden, file_FileSystemName, file_FileSystemPath, file_get_DataSize,
    file_get_DataSize32BitLow, file_get_DataSize32BitHigh, file_get_Data, file_put_Data, file_get_FsiNamedStreams,
    file_get_IsNamedStream, file_AddStream, file_RemoveStream, file_get_IsRealTime, file_put_IsRealTime
};

/* ---- object ---- */

static const struct imapi_iface_entry dir_ifaces[] =
{
    IMAPI_IFACE(IID_IFsiDirectoryItem2, struct fsi_item, IFsiDirectoryItem2_iface),
    IMAPI_IFACE(IID_IFsiDirectoryItem, struct fsi_item, IFsiDirectoryItem2_iface),
    IMAPI_IFACE(IID_IFsiItem, struct fsi_item, IFsiDirectoryItem2_iface),
    { NULL }
};

static const struct imapi_iface_entry file_ifaces[] =
{
    IMAPI_IFACE(IID_IFsiFileItem2, struct fsi_item, IFsiFileItem2_iface),
    IMAPI_IFACE(IID_IFsiFileItem, struct fsi_item, IFsiFileItem2_iface),
    IMAPI_IFACE(IID_IFsiItem, struct fsi_item, IFsiFileItem2_iface),
    { NULL }
};

static void fsi_item_destroy(struct imapi_object *obj)
{
    struct fsi_item *item = CONTAINING_RECORD(obj, struct fsi_item, obj);
    fs_item_release(item->item);
    fsimage_release(item->image);
    free(item);
}

HRESULT fsi_item_create(struct fsimage *image, fs_item *item, BOOL named_stream, REFIID riid, void **ppv)
{
    struct fsi_item *fsi;
    BOOL is_dir = fs_item_kind(item) == FS_ITEM_DIRECTORY;

    if (!(fsi = calloc(1, sizeof(*fsi)))) return E_OUTOFMEMORY;
    fsi->IFsiDirectoryItem2_iface.lpVtbl = &dir_vtbl;
    fsi->IFsiFileItem2_iface.lpVtbl = &file_vtbl;
    imapi_object_init(&fsi->obj, is_dir ? dir_ifaces : file_ifaces, TRUE, fsi_item_destroy);
    fsi->image = image;
    fsimage_addref(image);
    fsi->item = item;
    fs_item_addref(item);
    fsi->named_stream = named_stream;
    return imapi_object_create_done(&fsi->obj, NULL, 0, riid, ppv);
}

fs_item *fsi_item_unwrap(IUnknown *unk, struct fsimage **image)
{
    IFsiItem *item;
    struct fsi_item *fsi = NULL;

    if (FAILED(IUnknown_QueryInterface(unk, &IID_IFsiItem, (void **)&item))) return NULL;
    if (item->lpVtbl == (const void *)&dir_vtbl)
        fsi = CONTAINING_RECORD((IFsiDirectoryItem2 *)item, struct fsi_item, IFsiDirectoryItem2_iface);
    else if (item->lpVtbl == (const void *)&file_vtbl)
        fsi = CONTAINING_RECORD((IFsiFileItem2 *)item, struct fsi_item, IFsiFileItem2_iface);
    IFsiItem_Release(item);   /* the caller holds its own reference on unk */
    if (!fsi || fsi->named_stream) return NULL;
    *image = fsi->image;
    return fsi->item;
}
