/* MsftFileSystemImage (IFileSystemImage3 : IFileSystemImage2 : IFileSystemImage): the
 * image builder. Holds the core/fs item tree and the image options; items are handed
 * out as FsiDirectoryItem / FsiFileItem wrappers (fsi_item.c), CreateResultImage
 * snapshots a core layout into a FileSystemImageResult (fsi_result.c).
 *
 * Everything about names, limits and layout is decided in core/fs; this file maps
 * properties onto core options and the spec's HRESULTs. Media-derived defaults ask the
 * drive through the core (mmc_media_query); the import members read the last session
 * through the core readers (fsi_import.c). Not thread-safe beyond what COM apartments give: calls
 * on one image and its items are expected from one thread at a time. */

#include "imapi2fs_private.h"
#include "fs/fs_name.h"
#include "fs/fs_date.h"
#include "fs/fs_eltorito.h"
#include "recorder_ex_transport.h"
#include "mmc/mmc_media.h"

/* The core has no windows.h: its media types carry IMAPI2's values. */
C_ASSERT((int)MMC_MEDIA_BDRE == (int)IMAPI_MEDIA_TYPE_BDRE && (int)MMC_MEDIA_DISK == (int)IMAPI_MEDIA_TYPE_DISK
         && (int)MMC_MEDIA_CDR == (int)IMAPI_MEDIA_TYPE_CDR && (int)MMC_MEDIA_DVDPLUSRW == (int)IMAPI_MEDIA_TYPE_DVDPLUSRW);


/* FreeMediaBlocks default: 650 MB, a 74-minute CD (spec 4.2). */
#define FSI_DEFAULT_FREE_BLOCKS 332800
/* Named streams per image (spec 3.6). */
#define FSI_MAX_NAMED_STREAMS 1000
#define FSI_MAX_BOOT_ENTRIES FS_ELTORITO_MAX_ENTRIES   /* IMAPI2FS_BOOT_ENTRY_COUNT_MAX */
#define FSI_ALL_FS (FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF)

/* What this object writes: core/fs writes ISO9660, Joliet and UDF (1.02 .. 2.60,
 * fs_udf_revisions). */
#define FSI_WRITABLE_FS (FsiFileSystemISO9660 | FsiFileSystemJoliet | FsiFileSystemUDF)
static const ULONG iso_levels[] = { 1, 2 };

struct fsimage
{
    struct imapi_object obj;
    IFileSystemImage3 IFileSystemImage3_iface;
    fs_tree *tree;
    LONG session_start;
    LONG free_blocks;
    WCHAR *volume_name;          /* NULL: generated at CreateResultImage */
    WCHAR *working_dir;
    VARIANT_BOOL strict, restricted, stage, redundant_udf;
    FsiFileSystems fs_create;
    LONG udf_revision;
    LONG iso_level;
    IBootOptions **boot;         /* BootImageOptions / BootImageOptionsArray share this */
    unsigned boot_count;
    BOOL boot_is_array;
    IMultisession **ms;          /* MultisessionInterfaces */
    unsigned ms_count;
    FsiFileSystems imported_fs;  /* the file system imported (FsiFileSystemNone before) */
    BOOL random_write;           /* imported from overwrite media: one growing file system */
    WCHAR *imported_volume;      /* ImportedVolumeName */
    BSTR import_disc_id;         /* CalculateDiscIdentifier of the disc at the last import */
    struct fsi_file_extra *extras;
    struct result_watch *results;/* counts this image's layouts still alive */
};

/* Results (their layouts) may outlive the image: the count lives in a block both
 * hold. live = layouts of CreateResultImage not yet destroyed (a result object or an
 * image stream still holds them). */
struct result_watch
{
    LONG refs;
    LONG live;
};

static void watch_release(struct result_watch *w)
{
    if (w && !InterlockedDecrement(&w->refs)) free(w);
}

static void watch_layout_gone(void *ctx)
{
    struct result_watch *w = ctx;
    InterlockedDecrement(&w->live);
    watch_release(w);
}

IMAPI_IUNKNOWN_METHODS(fsimage, IFileSystemImage3, struct fsimage, IFileSystemImage3_iface)
IMAPI_IDISPATCH_METHODS(fsimage, IFileSystemImage3, IID_IFileSystemImage3)

/* ---- internals shared with the items ---- */

fs_tree *fsimage_tree(struct fsimage *image) { return image->tree; }
void fsimage_addref(struct fsimage *image) { imapi_object_addref(&image->obj); }
void fsimage_release(struct fsimage *image) { imapi_object_release(&image->obj); }
IUnknown *fsimage_unknown(struct fsimage *image) { return imapi_object_unknown(&image->obj); }
LONG fsimage_iso_level(struct fsimage *image) { return image->iso_level; }
const WCHAR *fsimage_stage_dir(struct fsimage *image) { return image->stage ? image->working_dir : NULL; }

BOOL fsimage_udf_at_least(struct fsimage *image, LONG revision)
{
    return (image->fs_create & FsiFileSystemUDF) && image->udf_revision >= revision;
}

BOOL fsimage_has_update_sinks(struct fsimage *image)
{
    return imapi_cpc_sink_count(image->obj.cpc, &IID_DFileSystemImageEvents) != 0;
}

void fsimage_fire_update(struct fsimage *image, const WCHAR *file, LONG copied, LONG total)
{
    VARIANT args[4];

    if (!fsimage_has_update_sinks(image)) return;
    TRACE("%s %ld/%ld\n", debugstr_w(file), (long)copied, (long)total);
    V_VT(&args[0]) = VT_DISPATCH;
    V_DISPATCH(&args[0]) = (IDispatch *)&image->IFileSystemImage3_iface;
    V_VT(&args[1]) = VT_BSTR;
    V_BSTR(&args[1]) = SysAllocString(file ? file : L"");
    V_VT(&args[2]) = VT_I4;
    V_I4(&args[2]) = copied;
    V_VT(&args[3]) = VT_I4;
    V_I4(&args[3]) = total;
    imapi_cpc_fire(image->obj.cpc, &IID_DFileSystemImageEvents, 256, args, 4);
    SysFreeString(V_BSTR(&args[1]));
}

FsiFileSystems fsimage_imported(struct fsimage *image) { return image->imported_fs; }

BOOL fsimage_has_import_sinks(struct fsimage *image)
{
    return imapi_cpc_sink_count(image->obj.cpc, &IID_DFileSystemImageImportEvents) != 0;
}

void fsimage_fire_import(struct fsimage *image, FsiFileSystems fs, const WCHAR *item, LONG dirs, LONG dirs_total,
                         LONG files, LONG files_total)
{
    VARIANT args[7];
    unsigned i;

    if (!fsimage_has_import_sinks(image)) return;
    TRACE("%#x %s dirs %ld/%ld files %ld/%ld\n", fs, debugstr_w(item), (long)dirs, (long)dirs_total, (long)files,
          (long)files_total);
    V_VT(&args[0]) = VT_DISPATCH;
    V_DISPATCH(&args[0]) = (IDispatch *)&image->IFileSystemImage3_iface;
    V_VT(&args[1]) = VT_I4;
    V_I4(&args[1]) = fs;
    V_VT(&args[2]) = VT_BSTR;
    V_BSTR(&args[2]) = SysAllocString(item ? item : L"");
    for (i = 3; i < 7; i++) V_VT(&args[i]) = VT_I4;
    V_I4(&args[3]) = dirs;
    V_I4(&args[4]) = dirs_total;
    V_I4(&args[5]) = files;
    V_I4(&args[6]) = files_total;
    imapi_cpc_fire(image->obj.cpc, &IID_DFileSystemImageImportEvents, 257, args, 7);
    SysFreeString(V_BSTR(&args[2]));
}

struct fsi_file_extra *fsimage_file_extra(struct fsimage *image, fs_item *item, BOOL create)
{
    struct fsi_file_extra *e;

    for (e = image->extras; e; e = e->next)
        if (e->item == item) return e;
    if (!create || !(e = calloc(1, sizeof(*e)))) return NULL;
    e->item = item;
    fs_item_addref(item);
    e->next = image->extras;
    image->extras = e;
    return e;
}

unsigned fsimage_named_stream_count(struct fsimage *image)
{
    struct fsi_file_extra *e;
    unsigned n = 0;
    for (e = image->extras; e; e = e->next) n += e->count;
    return n;
}

/* fs_layout_options.file_streams: a file's named streams, for UDF >= 2.00 stream
 * directories (core/fs/fs_udf.c). The layout takes its own source references. */
static int32_t file_streams(void *ctx, fs_item *file, fs_stream_sink *sink)
{
    struct fsi_file_extra *e = fsimage_file_extra(ctx, file, FALSE);
    unsigned i;
    HRESULT hr = S_OK;

    for (i = 0; e && i < e->count && SUCCEEDED(hr); i++)
    {
        fs_data_source src;
        if (FAILED(hr = fsi_source_from_stream(e->streams[i].data, &src))) break;
        hr = fs_stream_sink_add(sink, (const uint16_t *)e->streams[i].name, wcslen(e->streams[i].name), &src);
        src.release(src.ctx);
    }
    return hr;
}

static void free_extras(struct fsimage *image)
{
    struct fsi_file_extra *e, *next;
    unsigned i;

    for (e = image->extras; e; e = next)
    {
        next = e->next;
        for (i = 0; i < e->count; i++)
        {
            free(e->streams[i].name);
            IStream_Release(e->streams[i].data);
        }
        free(e->streams);
        fs_item_release(e->item);
        free(e);
    }
    image->extras = NULL;
}

static fs_time fsimage_now(void *ctx)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return (fs_time)(((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime);
}

/* Map the options onto the tree's Add-time limits (core/fs README "Suggested COM mapping"). */
/* ISO9660's limits (8 levels, 65,534 directories, 2 GiB files) hold only while ISO9660
 * is written; UDF alone has no depth or directory limit, and its largest file is what
 * one file entry describes (FS_UDF_MAX_FILE). */
static void apply_limits(struct fsimage *image)
{
    BOOL iso = (image->fs_create & (FsiFileSystemISO9660 | FsiFileSystemJoliet)) != 0;
    fs_tree_set_max_levels(image->tree, iso ? FS_ISO9660_MAX_LEVELS : 0);
    fs_tree_set_max_dirs(image->tree, iso ? FS_ISO9660_MAX_DIRS : 0);
    fs_tree_set_max_file_size(image->tree, iso ? FS_ISO9660_MAX_FILE : FS_UDF_MAX_FILE);
    fs_tree_set_max_blocks(image->tree, (ULONG)image->free_blocks);
    fs_tree_set_restricted_names(image->tree, image->restricted != VARIANT_FALSE);
}

static void fill_options(struct fsimage *image, fs_layout_options *o)
{
    fs_layout_options_default(o);
    o->file_systems = image->fs_create & FSI_WRITABLE_FS;
    o->iso_level = image->iso_level;
    o->udf_revision = (unsigned)image->udf_revision;
    o->udf_redundant_metadata = image->redundant_udf != VARIANT_FALSE;
    if (!(o->file_systems & FsiFileSystemISO9660)) o->max_file_size = 0;   /* UDF alone: no ISO9660 limit */
    o->session_start = image->session_start;
    o->random_write = image->random_write;
    o->max_blocks = image->free_blocks;
    o->file_streams = file_streams;
    o->file_streams_ctx = image;
    if (image->volume_name)
    {
        o->volume_name = image->volume_name;
        o->volume_name_len = wcslen(image->volume_name);
    }
}

/* The El Torito entries of the boot objects, read now (the array keeps references:
 * their values at CreateResultImage count). Release them with boot_entries_free. */
static HRESULT boot_entries(struct fsimage *image, fs_boot_entry *e)
{
    unsigned i;
    HRESULT hr;

    for (i = 0; i < image->boot_count; i++)
    {
        if (FAILED(hr = boot_options_entry(image->boot[i], &e[i])))
        {
            while (i--) e[i].src.release(e[i].src.ctx);
            return hr;
        }
    }
    return S_OK;
}

static void boot_entries_free(fs_boot_entry *e, unsigned n)
{
    while (n--) e[n].src.release(e[n].src.ctx);
}

/* UsedBlocks: the size a layout of the current tree would have, boot record, catalog
 * and boot images included. Falls back to the layout without the boot entries when
 * they cannot be written, then to the data blocks when no layout can be made (e.g.
 * nothing writable selected). */
static LONG used_blocks(struct fsimage *image)
{
    fs_boot_entry boot[FSI_MAX_BOOT_ENTRIES];
    fs_layout_options o;
    fs_layout *L;
    ULONGLONG blocks;
    int32_t hr = 1;

    fill_options(image, &o);
    o.max_blocks = 0;
    if (!o.file_systems) o.file_systems = FSI_WRITABLE_FS;
    if (image->boot_count && SUCCEEDED(boot_entries(image, boot)))
    {
        o.boot = boot;
        o.boot_count = image->boot_count;
        hr = fs_layout_build(image->tree, &o, &L);
        boot_entries_free(boot, image->boot_count);
        o.boot = NULL;
        o.boot_count = 0;
    }
    if (hr) hr = fs_layout_build(image->tree, &o, &L);
    if (hr == 0)
    {
        blocks = fs_layout_total_blocks(L);
        fsi_layout_release(L);
    }
    else blocks = fs_tree_data_blocks(image->tree);
    return blocks > MAXLONG ? MAXLONG : (LONG)blocks;
}

/* The directory item that wraps the root. */
static HRESULT WINAPI fsimage_get_Root(IFileSystemImage3 *iface, IFsiDirectoryItem **pVal)
{
    struct fsimage *image = fsimage_impl(iface);
    TRACE("(%p)->(%p)\n", image, pVal);
    if (!pVal) return E_POINTER;
    return fsi_item_create(image, fs_tree_root(image->tree), FALSE, &IID_IFsiDirectoryItem, (void **)pVal);
}

static HRESULT WINAPI fsimage_get_SessionStartBlock(IFileSystemImage3 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->session_start;
    return S_OK;
}

/* [undoc] negative start blocks are refused with IMAPI_E_INVALID_PARAM. */
static HRESULT WINAPI fsimage_put_SessionStartBlock(IFileSystemImage3 *iface, LONG newVal)
{
    TRACE("(%p)->(%ld)\n", iface, (long)newVal);
    if (newVal < 0) return IMAPI_E_INVALID_PARAM;
    /* [undoc] fixed by an import (spec: "cannot be changed manually once a previous
     * session was imported"); another value is IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION. */
    if (fsimage_impl(iface)->imported_fs && newVal != fsimage_impl(iface)->session_start)
        return IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION;
    fsimage_impl(iface)->session_start = newVal;
    return S_OK;
}

static HRESULT WINAPI fsimage_get_FreeMediaBlocks(IFileSystemImage3 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->free_blocks;
    return S_OK;
}

/* 0 = unlimited. Negative values: IMAPI_E_INVALID_PARAM [undoc]. Smaller than the
 * current estimate: IMAPI_E_IMAGE_TOO_BIG (spec 3.1). */
static HRESULT WINAPI fsimage_put_FreeMediaBlocks(IFileSystemImage3 *iface, LONG newVal)
{
    struct fsimage *image = fsimage_impl(iface);
    TRACE("(%p)->(%ld)\n", image, (long)newVal);
    if (newVal < 0) return IMAPI_E_INVALID_PARAM;
    if (newVal && used_blocks(image) > newVal) return IMAPI_E_IMAGE_TOO_BIG;
    image->free_blocks = newVal;
    apply_limits(image);
    return S_OK;
}

/* The media facts of the disc in a client's recorder, from the core (mmc_media_query)
 * through the recorder's IDiscRecorder2Ex (dlls/common/recorder_ex_transport.c), as
 * the format objects of imapi2.dll get them. A recorder object without
 * IDiscRecorder2Ex (not a MsftDiscRecorder2): E_INVALIDARG, as the format objects'
 * put_Recorder. A failed query: the recorder's own HRESULT when a command failed
 * outright (E_IMAPI_RECORDER_REQUIRED for an uninitialized recorder, LOCKED, ...),
 * else the core's mapped sense. No medium is not a failure here (present = 0). */
static HRESULT query_media(IDiscRecorder2 *recorder, mmc_media_facts *facts)
{
    struct recorder_ex_transport transport;
    IDiscRecorder2Ex *ex;
    mmc_device dev;
    HRESULT hr;

    memset(facts, 0, sizeof(*facts));
    if (FAILED(IDiscRecorder2_QueryInterface(recorder, &IID_IDiscRecorder2Ex, (void **)&ex)))
    {
        WARN("recorder %p has no IDiscRecorder2Ex\n", recorder);
        return E_INVALIDARG;
    }
    recorder_ex_transport_init(&transport, ex);
    mmc_dev_init(&dev, &transport.base);
    hr = mmc_media_query(&dev, facts);
    if (FAILED(hr) && FAILED(transport.last_failure)) hr = transport.last_failure;
    IDiscRecorder2Ex_Release(ex);
    if (FAILED(hr)) WARN("media query failed: %#lx\n", (unsigned long)hr);
    else TRACE("present %d profile %#x type %d class %d status %d nwa %d/%ld free %lu total %lu\n", facts->present,
               facts->profile, facts->type, facts->write_class, facts->disc_status, facts->nwa_valid,
               (long)facts->next_writable, (unsigned long)facts->free_blocks, (unsigned long)facts->total_blocks);
    return hr;
}

/* The blocks an image may use on the medium: what IDiscFormat2Data::FreeSectorsOnMedia
 * answers for it (the core's mmc_media_data_free_sectors: free blocks from the next
 * writable address on sequential media less the CD post-gap and run-out, the formatted
 * capacity of overwrite media), the value Microsoft's samples copy into
 * FreeMediaBlocks. S_OK with *blocks > 0; E_IMAPI_RECORDER_MEDIA_NO_MEDIA without a
 * medium; E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE for media no image can be written to
 * (unrecognised, pressed, closed sequential media); IMAPI_E_IMAGE_TOO_BIG for a
 * writable medium with no free block left (0 would mean "unlimited"). */
static HRESULT media_free_blocks(const mmc_media_facts *facts, LONG *blocks)
{
    int32_t free_sectors;

    *blocks = 0;
    if (!facts->present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (facts->type == MMC_MEDIA_UNKNOWN || mmc_media_data_check(facts)) return E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE;
    free_sectors = mmc_media_data_free_sectors(facts, 0);
    if (free_sectors <= 0) return IMAPI_E_IMAGE_TOO_BIG;
    *blocks = free_sectors;
    return S_OK;
}

/* [undoc] FreeMediaBlocks = the free blocks of the medium (media_free_blocks), the
 * file systems are left alone. The page lists only E_POINTER and
 * IMAPI_E_FSI_INTERNAL_ERROR: every failure to learn the capacity (no medium, a
 * medium no image can go to, a recorder that fails or is not a MsftDiscRecorder2)
 * answers IMAPI_E_FSI_INTERNAL_ERROR, with a WARN and an error description naming the
 * reason. As put_FreeMediaBlocks: an image already larger than the medium is
 * IMAPI_E_IMAGE_TOO_BIG and nothing changes. */
static HRESULT WINAPI fsimage_SetMaxMediaBlocksFromDevice(IFileSystemImage3 *iface, IDiscRecorder2 *discRecorder)
{
    struct fsimage *image = fsimage_impl(iface);
    mmc_media_facts facts;
    LONG blocks;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, discRecorder);
    SetErrorInfo(0, NULL);
    if (!discRecorder) return E_POINTER;
    if (SUCCEEDED(hr = query_media(discRecorder, &facts))) hr = media_free_blocks(&facts, &blocks);
    if (hr == IMAPI_E_IMAGE_TOO_BIG) return hr;
    if (FAILED(hr))
    {
        WARN("no capacity from recorder %p: %#lx\n", discRecorder, (unsigned long)hr);
        fsi_set_error(IMAPI_E_FSI_INTERNAL_ERROR, &IID_IFileSystemImage,
                      hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA ? L"There is no disc in the recorder." :
                      hr == E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE ? L"The disc in the recorder cannot take an image." :
                      L"The recorder did not report the disc's capacity.");
        return IMAPI_E_FSI_INTERNAL_ERROR;
    }
    if (used_blocks(image) > blocks) return IMAPI_E_IMAGE_TOO_BIG;
    image->free_blocks = blocks;
    apply_limits(image);
    return S_OK;
}

static HRESULT WINAPI fsimage_get_UsedBlocks(IFileSystemImage3 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = used_blocks(fsimage_impl(iface));
    return S_OK;
}

/* Before CreateResultImage and without a put, the name is empty; CreateResultImage
 * then generates YYYYMMDD_HHMMSS (core/fs's rule) and keeps it as the VolumeName. */
static HRESULT WINAPI fsimage_get_VolumeName(IFileSystemImage3 *iface, BSTR *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_return_bstr(fsimage_impl(iface)->volume_name, pVal);
}

static HRESULT WINAPI fsimage_put_VolumeName(IFileSystemImage3 *iface, BSTR newVal)
{
    struct fsimage *image = fsimage_impl(iface);
    size_t len = fsi_bstr_len(newVal);
    WCHAR *copy = NULL;
    HRESULT hr;

    TRACE("(%p)->(%s)\n", image, debugstr_w(newVal));
    if ((hr = fs_volume_name_check(newVal, len))) return hr;
    if (len)
    {
        if (!(copy = malloc((len + 1) * sizeof(WCHAR)))) return E_OUTOFMEMORY;
        memcpy(copy, newVal, len * sizeof(WCHAR));
        copy[len] = 0;
    }
    free(image->volume_name);
    image->volume_name = copy;
    return S_OK;
}

/* The volume name of the imported session as recorded (ISO9660 or Joliet volume
 * identifier); before an import empty (scripts expect strings, not NULL). */
static HRESULT WINAPI fsimage_get_ImportedVolumeName(IFileSystemImage3 *iface, BSTR *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_return_bstr(fsimage_impl(iface)->imported_volume, pVal);
}

static void clear_boot(struct fsimage *image)
{
    unsigned i;
    for (i = 0; i < image->boot_count; i++) IBootOptions_Release(image->boot[i]);
    free(image->boot);
    image->boot = NULL;
    image->boot_count = 0;
}

/* The first boot entry (BootImageOptions and BootImageOptionsArray share one list). */
static HRESULT WINAPI fsimage_get_BootImageOptions(IFileSystemImage3 *iface, IBootOptions **pVal)
{
    struct fsimage *image = fsimage_impl(iface);
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = image->boot_count ? image->boot[0] : NULL;
    if (*pVal) IBootOptions_AddRef(*pVal);
    return S_OK;
}

/* A deep copy, stream bytes included (the page: "creates a complete copy ... by
 * copying the stream"): the getter then answers the copy, not the caller's object.
 * NULL clears the boot entry. Only an image without previous sessions takes one
 * (SessionStartBlock 0, nothing imported): IMAPI_E_BOOT_OBJECT_CONFLICT; an object
 * without a boot image, or one whose stream cannot be read: IMAPI_E_BOOT_IMAGE_DATA. */
static HRESULT WINAPI fsimage_put_BootImageOptions(IFileSystemImage3 *iface, IBootOptions *newVal)
{
    struct fsimage *image = fsimage_impl(iface);
    IBootOptions *opts = NULL;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", image, newVal);
    if (newVal && image->session_start) return IMAPI_E_BOOT_OBJECT_CONFLICT;
    if (newVal)
    {
        IBootOptions *src;
        if (FAILED(hr = IBootOptions_QueryInterface(newVal, &IID_IBootOptions, (void **)&src))) return hr;
        hr = boot_options_copy(src, &opts);
        IBootOptions_Release(src);
        if (FAILED(hr))
        {
            WARN("boot options %p not copied: %#lx\n", newVal, (unsigned long)hr);
            return hr;
        }
    }
    clear_boot(image);
    if (opts)
    {
        if (!(image->boot = malloc(sizeof(*image->boot))))
        {
            IBootOptions_Release(opts);
            return E_OUTOFMEMORY;
        }
        image->boot[0] = opts;
        image->boot_count = 1;
    }
    image->boot_is_array = FALSE;
    return S_OK;
}

static HRESULT WINAPI fsimage_get_FileCount(IFileSystemImage3 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fs_tree_file_count(fsimage_impl(iface)->tree);
    return S_OK;
}

/* The root is not counted (core/fs). */
static HRESULT WINAPI fsimage_get_DirectoryCount(IFileSystemImage3 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fs_tree_dir_count(fsimage_impl(iface)->tree);
    return S_OK;
}

static HRESULT WINAPI fsimage_get_WorkingDirectory(IFileSystemImage3 *iface, BSTR *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_return_bstr(fsimage_impl(iface)->working_dir, pVal);
}

/* The stash files of the items in the image (file data and named streams) into dir. */
static HRESULT move_stash(struct fsimage *image, fs_item *item, const WCHAR *dir)
{
    HRESULT hr = S_OK;
    fs_item *c;

    if (fs_item_kind(item) == FS_ITEM_FILE) return fsi_source_move_stash(fs_file_source(item), dir);
    for (c = fs_dir_first_child(item); c && SUCCEEDED(hr); c = fs_item_next_sibling(c))
        hr = move_stash(image, c, dir);
    return hr;
}

/* NULL/empty: IMAPI_E_INVALID_PARAM; not an existing directory:
 * IMAPI_E_INVALID_WORKING_DIRECTORY. The stash files of the items in the image move
 * there (spec 4.3); one that cannot: IMAPI_E_STASHFILE_MOVE, the directory stays as it
 * was (files moved before the failure stay moved, still in use) [undoc]. Stash files of
 * items outside the image (removed, or created and never added) stay where they are and
 * go with their last reference. The spec forbids the change while a result stream
 * exists without naming the error; we allow it [undoc]. */
static HRESULT WINAPI fsimage_put_WorkingDirectory(IFileSystemImage3 *iface, BSTR newVal)
{
    struct fsimage *image = fsimage_impl(iface);
    struct fsi_file_extra *e;
    DWORD attrs;
    WCHAR *copy;
    unsigned i;
    HRESULT hr;

    TRACE("(%p)->(%s)\n", image, debugstr_w(newVal));
    if (!fsi_bstr_len(newVal)) return IMAPI_E_INVALID_PARAM;
    attrs = GetFileAttributesW(newVal);
    if (attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_DIRECTORY))
        return IMAPI_E_INVALID_WORKING_DIRECTORY;
    if (FAILED(hr = move_stash(image, fs_tree_root(image->tree), newVal))) return hr;
    for (e = image->extras; e; e = e->next)
        for (i = 0; i < e->count; i++)
            if (FAILED(hr = fsi_stream_move_stash(e->streams[i].data, newVal))) return hr;
    if (!(copy = _wcsdup(newVal))) return E_OUTOFMEMORY;
    free(image->working_dir);
    image->working_dir = copy;
    return S_OK;
}

static HRESULT WINAPI fsimage_get_ChangePoint(IFileSystemImage3 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fs_tree_change_point(fsimage_impl(iface)->tree);
    return S_OK;
}

static HRESULT WINAPI fsimage_get_StrictFileSystemCompliance(IFileSystemImage3 *iface, VARIANT_BOOL *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->strict;
    return S_OK;
}

/* Kept; core/fs applies the same (strict) rules either way. [undoc] what a change
 * on a non-empty image answers: accepted here. */
static HRESULT WINAPI fsimage_put_StrictFileSystemCompliance(IFileSystemImage3 *iface, VARIANT_BOOL newVal)
{
    TRACE("(%p)->(%d)\n", iface, newVal);
    fsimage_impl(iface)->strict = newVal ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI fsimage_get_UseRestrictedCharacterSet(IFileSystemImage3 *iface, VARIANT_BOOL *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->restricted;
    return S_OK;
}

static HRESULT WINAPI fsimage_put_UseRestrictedCharacterSet(IFileSystemImage3 *iface, VARIANT_BOOL newVal)
{
    struct fsimage *image = fsimage_impl(iface);
    TRACE("(%p)->(%d)\n", iface, newVal);
    image->restricted = newVal ? VARIANT_TRUE : VARIANT_FALSE;
    apply_limits(image);
    return S_OK;
}

static HRESULT WINAPI fsimage_get_FileSystemsToCreate(IFileSystemImage3 *iface, FsiFileSystems *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->fs_create;
    return S_OK;
}

/* 0, unknown bits, or Joliet without ISO9660 ([3p], spec 4.1): IMAPI_E_INVALID_PARAM.
 * ISO9660 on a tree that is too deep / has too many directories: IMAPI_E_ISO9660_LEVELS
 * / IMAPI_E_TOO_MANY_DIRS. UDF alone is allowed (no ISO9660 limits then). */
static HRESULT set_file_systems(struct fsimage *fsimage, LONG fs)
{
    if (!fs || (fs & ~FSI_ALL_FS)) return IMAPI_E_INVALID_PARAM;
    /* "changeable only while no result stream is active" (put_FileSystemsToCreate's
     * page) names no code; [undoc] ours is IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED, the
     * code of that page whose name says it, while the last result object or an image
     * stream from it is alive. The value it already has is no change: S_OK. */
    if (fs != fsimage->fs_create && fsimage->results && InterlockedCompareExchange(&fsimage->results->live, 0, 0) > 0)
    {
        fsi_set_error(IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED, &IID_IFileSystemImage,
                      L"Release the result image (and its streams) first.");
        return IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED;
    }
    if ((fs & FsiFileSystemJoliet) && !(fs & FsiFileSystemISO9660)) return IMAPI_E_INVALID_PARAM;
    /* The new session carries the imported file system on (spec: the imported
     * session's file system against the requested ones). */
    if (fsimage->imported_fs && !(fs & fsimage->imported_fs)) return IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED;
    if (fs & FsiFileSystemISO9660)
    {
        if (fs_tree_levels(fsimage->tree) > FS_ISO9660_MAX_LEVELS) return IMAPI_E_ISO9660_LEVELS;
        if (fs_tree_dir_count(fsimage->tree) > FS_ISO9660_MAX_DIRS) return IMAPI_E_TOO_MANY_DIRS;
    }
    fsimage->fs_create = fs;
    apply_limits(fsimage);
    return S_OK;
}

static HRESULT WINAPI fsimage_put_FileSystemsToCreate(IFileSystemImage3 *iface, FsiFileSystems newVal)
{
    TRACE("(%p)->(%#x)\n", iface, newVal);
    SetErrorInfo(0, NULL);
    return set_file_systems(fsimage_impl(iface), newVal);
}

static HRESULT WINAPI fsimage_get_FileSystemsSupported(IFileSystemImage3 *iface, FsiFileSystems *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = FSI_WRITABLE_FS;    /* ISO9660 | Joliet | UDF */
    return S_OK;
}

/* A revision UDFRevisionsSupported does not list: IMAPI_E_INVALID_PARAM (documented). */
static HRESULT WINAPI fsimage_put_UDFRevision(IFileSystemImage3 *iface, LONG newVal)
{
    TRACE("(%p)->(%#lx)\n", iface, (long)newVal);
    if (newVal < 0 || !fs_udf_revision_supported((unsigned)newVal)) return IMAPI_E_INVALID_PARAM;
    fsimage_impl(iface)->udf_revision = newVal;
    return S_OK;
}

static HRESULT WINAPI fsimage_get_UDFRevision(IFileSystemImage3 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->udf_revision;
    return S_OK;
}

/* VT_I4 elements: 0x102, 0x150, 0x200, 0x201, 0x250, 0x260 (core/fs writes them all). */
static HRESULT WINAPI fsimage_get_UDFRevisionsSupported(IFileSystemImage3 *iface, SAFEARRAY **pVal)
{
    LONG revs[16];
    size_t i;
    TRACE("(%p)->(%p)\n", iface, pVal);
    for (i = 0; i < fs_udf_revision_count && i < ARRAY_SIZE(revs); i++) revs[i] = (LONG)fs_udf_revisions[i];
    return imapi_safearray_from_longs(revs, (ULONG)i, pVal);
}


/* [undoc] media type -> defaults. Our choice, by family (tested by winetest/fsimage_udf.c):
 *   media type                 FileSystemsToCreate       UDFRevision  FreeMediaBlocks
 *   CD-ROM, CD-R, CD-RW        ISO9660|Joliet            1.02 (unused) 359,846 (80-min CD-R)
 *   DVD-ROM/-RAM/+R/+RW/-R/-RW ISO9660|Joliet|UDF        1.02         2,295,104 (4.7 GB)
 *   DVD+R DL, DVD-R DL, +RW DL ISO9660|Joliet|UDF        1.02         4,173,824 (8.5 GB)
 *   HD DVD-ROM/-R/-RAM         ISO9660|Joliet|UDF        2.50         7,331,840 (15 GB)
 *   BD-ROM, BD-R, BD-RE        ISO9660|Joliet|UDF        2.50         12,219,392 (25 GB)
 *   DISK (removable disk)      ISO9660|Joliet|UDF        1.02         0 (unlimited)
 * Why: CDs are read everywhere through ISO9660/Joliet and rarely by UDF readers; UDF
 * 1.02 is what every DVD player reads (DVD-Video mandates it); Blu-ray and HD DVD
 * players need UDF 2.50 with its metadata partition. The ISO9660|Joliet bridge stays
 * so that systems without UDF still see the files.
 * UNKNOWN and values above IMAPI_MEDIA_TYPE_MAX: IMAPI_E_INVALID_PARAM. */
static HRESULT media_type_defaults(IMAPI_MEDIA_PHYSICAL_TYPE type, LONG *fs, LONG *blocks, LONG *udf)
{
    *fs = FSI_ALL_FS;
    *udf = 0x102;
    switch (type)
    {
    case IMAPI_MEDIA_TYPE_CDROM: case IMAPI_MEDIA_TYPE_CDR: case IMAPI_MEDIA_TYPE_CDRW:
        *fs = FsiFileSystemISO9660 | FsiFileSystemJoliet;
        *blocks = 359846;
        break;
    case IMAPI_MEDIA_TYPE_DVDROM: case IMAPI_MEDIA_TYPE_DVDRAM: case IMAPI_MEDIA_TYPE_DVDPLUSR:
    case IMAPI_MEDIA_TYPE_DVDPLUSRW: case IMAPI_MEDIA_TYPE_DVDDASHR: case IMAPI_MEDIA_TYPE_DVDDASHRW:
        *blocks = 2295104;
        break;
    case IMAPI_MEDIA_TYPE_DVDPLUSR_DUALLAYER: case IMAPI_MEDIA_TYPE_DVDDASHR_DUALLAYER:
    case IMAPI_MEDIA_TYPE_DVDPLUSRW_DUALLAYER:
        *blocks = 4173824;
        break;
    case IMAPI_MEDIA_TYPE_DISK:
        *blocks = 0;
        break;
    case IMAPI_MEDIA_TYPE_HDDVDROM: case IMAPI_MEDIA_TYPE_HDDVDR: case IMAPI_MEDIA_TYPE_HDDVDRAM:
        *blocks = 7331840;
        *udf = 0x250;
        break;
    case IMAPI_MEDIA_TYPE_BDROM: case IMAPI_MEDIA_TYPE_BDR: case IMAPI_MEDIA_TYPE_BDRE:
        *blocks = 12219392;
        *udf = 0x250;
        break;
    default:
        return IMAPI_E_INVALID_PARAM;
    }
    return S_OK;
}

/* Sets the file systems, UDF revision and block limit the two ChooseImageDefaults*
 * chose. An image already larger than `blocks`: IMAPI_E_IMAGE_TOO_BIG and nothing
 * changes. */
static HRESULT apply_defaults(struct fsimage *image, LONG fs, LONG blocks, LONG udf)
{
    HRESULT hr;

    LONG old_udf = image->udf_revision;

    image->udf_revision = udf;                  /* the size is that of the image to be made */
    if (blocks && used_blocks(image) > blocks) { image->udf_revision = old_udf; return IMAPI_E_IMAGE_TOO_BIG; }
    if (FAILED(hr = set_file_systems(image, fs)))  /* e.g. a tree too deep for ISO9660 */
    {
        image->udf_revision = old_udf;
        return hr;
    }
    image->free_blocks = blocks;
    apply_limits(image);
    return S_OK;
}

/* [undoc] the defaults of ChooseImageDefaultsForMediaType for the medium's physical type
 * (file systems, UDF revision), with FreeMediaBlocks the medium's own free blocks
 * (media_free_blocks: what IDiscFormat2Data::FreeSectorsOnMedia answers) instead of the
 * table's nominal size. SessionStartBlock is left alone: the start of a new session
 * comes from the multisession interfaces and ImportFileSystem (spec 5: an appendable
 * disc is imported, a blank one gets ChooseImageDefaults), so on a blank or overwrite
 * medium it is 0 anyway. Errors: E_POINTER; E_INVALIDARG for a recorder object without
 * IDiscRecorder2Ex; the recorder's error when the query fails (e.g.
 * E_IMAPI_RECORDER_REQUIRED before InitializeDiscRecorder);
 * E_IMAPI_RECORDER_MEDIA_NO_MEDIA without a disc (the standard device error);
 * E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE (documented) for unrecognised, pressed and closed
 * media; IMAPI_E_IMAGE_TOO_BIG (documented) when the image already holds more than the
 * medium's free blocks, or none is free. IMAPI_E_NO_SUPPORTED_FILE_SYSTEM is listed
 * too; every type the drive can report has a file system here, so it never comes.
 * Write protection is not checked: the image can still be saved or burned elsewhere. */
static HRESULT WINAPI fsimage_ChooseImageDefaults(IFileSystemImage3 *iface, IDiscRecorder2 *discRecorder)
{
    struct fsimage *image = fsimage_impl(iface);
    mmc_media_facts facts;
    LONG fs, blocks, udf, free_blocks;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", iface, discRecorder);
    SetErrorInfo(0, NULL);
    if (!discRecorder) return E_POINTER;
    if (FAILED(hr = query_media(discRecorder, &facts))) return hr;
    if (FAILED(hr = media_free_blocks(&facts, &free_blocks))) return hr;
    if (FAILED(media_type_defaults((IMAPI_MEDIA_PHYSICAL_TYPE)facts.type, &fs, &blocks, &udf)))
        return E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE;
    TRACE("type %d: file systems %#lx, UDF %#lx, %ld free blocks\n", facts.type, (long)fs, (long)udf, (long)free_blocks);
    return apply_defaults(image, fs, free_blocks, udf);
}

static HRESULT WINAPI fsimage_ChooseImageDefaultsForMediaType(IFileSystemImage3 *iface, IMAPI_MEDIA_PHYSICAL_TYPE value)
{
    struct fsimage *image = fsimage_impl(iface);
    LONG fs, blocks, udf;
    HRESULT hr;

    TRACE("(%p)->(%d)\n", iface, value);
    if (FAILED(hr = media_type_defaults(value, &fs, &blocks, &udf))) return hr;
    return apply_defaults(image, fs, blocks, udf);
}

static HRESULT WINAPI fsimage_put_ISO9660InterchangeLevel(IFileSystemImage3 *iface, LONG newVal)
{
    TRACE("(%p)->(%ld)\n", iface, (long)newVal);
    if (newVal != 1 && newVal != 2) return IMAPI_E_INVALID_PARAM;
    fsimage_impl(iface)->iso_level = newVal;
    return S_OK;
}

static HRESULT WINAPI fsimage_get_ISO9660InterchangeLevel(IFileSystemImage3 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->iso_level;
    return S_OK;
}

/* VT_UI4 elements, as the spec gives them. */
static HRESULT WINAPI fsimage_get_ISO9660InterchangeLevelsSupported(IFileSystemImage3 *iface, SAFEARRAY **pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    return fsi_safearray_from_ulongs(iso_levels, ARRAY_SIZE(iso_levels), pVal);
}

/* [undoc] DiscId of a result: 32 hex digits, an FNV-1a hash over the volume name,
 * session start, size and creation time; the same image options give the same id. */
static void make_disc_id(const WCHAR *name, LONG start, ULONG blocks, fs_time created, WCHAR out[33])
{
    ULONGLONG h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
    ULONGLONG vals[3] = { (ULONGLONG)start, blocks, (ULONGLONG)created };
    const unsigned char *p;
    size_t i, n;

    p = (const unsigned char *)name;
    n = wcslen(name) * sizeof(WCHAR);
    for (i = 0; i < n; i++) { h1 = (h1 ^ p[i]) * 0x100000001b3ULL; h2 = (h2 ^ p[i]) * 0x100000001b3ULL + 1; }
    p = (const unsigned char *)vals;
    for (i = 0; i < sizeof(vals); i++) { h1 = (h1 ^ p[i]) * 0x100000001b3ULL; h2 = (h2 ^ p[i]) * 0x100000001b3ULL + 1; }
    swprintf(out, 33, L"%08lX%08lX%08lX%08lX", (unsigned long)(h1 >> 32), (unsigned long)h1,
             (unsigned long)(h2 >> 32), (unsigned long)h2);
}

static HRESULT open_import_disc(struct fsimage *image, IDiscRecorder2 *recorder, struct fsi_disc_state *state,
                                fs_disc **disc, IMultisession **used);

/* An image holding an imported file system refers to the disc it came from: its new
 * session starts at that disc's next writable address, and imported files are extents
 * on it. If the disc in the drive is another one now (swapped, or another burner added a
 * session since), the image would be burned in the wrong place or point at data that is
 * not there: the documented IMAPI_E_DISC_MISMATCH ("the current disc is not the same as
 * the one from which the file system was imported"), judged by CalculateDiscIdentifier.
 * A disc that cannot be read answers as the import would (no media, ...). */
static HRESULT same_disc_as_import(struct fsimage *image)
{
    struct fsi_disc_state st;
    fs_disc *disc;
    BSTR now = NULL;
    HRESULT hr;

    if (FAILED(hr = open_import_disc(image, NULL, &st, &disc, NULL))) return hr;
    hr = fsi_disc_identifier(disc, &st, &now);
    fs_disc_release(disc);
    if (FAILED(hr)) return hr;
    if (wcscmp(now, image->import_disc_id))
    {
        WARN("the disc changed since the import: %s, was %s\n", debugstr_w(now), debugstr_w(image->import_disc_id));
        hr = IMAPI_E_DISC_MISMATCH;
    }
    SysFreeString(now);
    return hr;
}

static HRESULT WINAPI fsimage_CreateResultImage(IFileSystemImage3 *iface, IFileSystemImageResult **resultStream)
{
    struct fsimage *fsimage = fsimage_impl(iface);
    fs_boot_entry boot[FSI_MAX_BOOT_ENTRIES];
    fs_layout_options o;
    fs_layout *L;
    fs_time now = fsimage_now(NULL);
    WCHAR id[33];
    HRESULT hr;

    TRACE("(%p)->(%p)\n", fsimage, resultStream);
    if (!resultStream) return E_POINTER;
    *resultStream = NULL;
    SetErrorInfo(0, NULL);
    /* Named streams of files in the image go into UDF >= 2.00 stream directories
     * (fill_options' file_streams); below 2.00 AddStream answered
     * IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED and the image is made without them. */
    if (!(fsimage->fs_create & FSI_WRITABLE_FS)) return IMAPI_E_NO_OUTPUT;
    if (fsimage->import_disc_id && FAILED(hr = same_disc_as_import(fsimage))) return hr;
    if (!fsimage->volume_name)
    {
        /* The generated name (core/fs: YYYYMMDD_HHMMSS of the creation time) becomes
         * the VolumeName, so the getters report what is written. */
        fs_civil_time c;
        WCHAR name[32];
        fs_time_to_civil(now, &c);
        swprintf(name, ARRAY_SIZE(name), L"%04d%02d%02d_%02d%02d%02d", c.year, c.month, c.day,
                 c.hour, c.minute, c.second);
        if (!(fsimage->volume_name = _wcsdup(name))) return E_OUTOFMEMORY;
    }
    fill_options(fsimage, &o);
    o.creation_time = now;
    /* El Torito entries, read from the boot objects now (core/fs fs_eltorito.c) */
    if (fsimage->boot_count && FAILED(hr = boot_entries(fsimage, boot)))
    {
        WARN("boot entries failed %#lx\n", (unsigned long)hr);
        return hr;
    }
    o.boot = boot;
    o.boot_count = fsimage->boot_count;
    hr = fs_layout_build(fsimage->tree, &o, &L);
    boot_entries_free(boot, fsimage->boot_count);
    if (hr)
    {
        WARN("layout failed %#lx\n", (unsigned long)hr);
        return hr;
    }
    make_disc_id(fsimage->volume_name, fsimage->session_start, fs_layout_total_blocks(L), now, id);
    hr = fsi_result_create(L, id, fsimage->session_start, resultStream);
    if (SUCCEEDED(hr) && fsimage->results)
    {
        InterlockedIncrement(&fsimage->results->refs);
        InterlockedIncrement(&fsimage->results->live);
        fs_layout_on_destroy(L, watch_layout_gone, fsimage->results);
    }
    fsi_layout_release(L);
    return hr;
}

/* Exists: the path must start at the root ('\\' or '/'), else IMAPI_E_INVALID_PATH;
 * a missing last component is FsiItemNotFound (S_OK), a missing directory on the way
 * IMAPI_E_DIR_NOT_FOUND. */
static HRESULT WINAPI fsimage_Exists(IFileSystemImage3 *iface, BSTR fullPath, FsiItemType *itemType)
{
    struct fsimage *image = fsimage_impl(iface);
    size_t len = fsi_bstr_len(fullPath);
    fs_item *item;
    HRESULT hr;

    TRACE("(%p)->(%s %p)\n", image, debugstr_w(fullPath), itemType);
    if (!itemType) return E_POINTER;
    *itemType = FsiItemNotFound;
    if (!len) return IMAPI_E_INVALID_PARAM;
    if (fullPath[0] != '\\' && fullPath[0] != '/') return IMAPI_E_INVALID_PATH;
    hr = fs_tree_lookup(image->tree, NULL, fullPath, len, &item);
    if (hr == IMAPI_E_ITEM_NOT_FOUND) return S_OK;
    if (hr) return hr;
    *itemType = fs_item_kind(item) == FS_ITEM_DIRECTORY ? FsiItemDirectory : FsiItemFile;
    return S_OK;
}

/* The disc behind MultisessionInterfaces (IMAPI_E_MULTISESSION_NOT_SET without them),
 * or behind an explicit recorder. used: the multisession object it came from. */
static HRESULT open_import_disc(struct fsimage *image, IDiscRecorder2 *recorder, struct fsi_disc_state *state,
                                fs_disc **disc, IMultisession **used)
{
    IDiscRecorder2 *rec = recorder;
    HRESULT hr;

    *disc = NULL;
    if (used) *used = NULL;
    if (!rec)
    {
        IMultisession *ms;
        if (!image->ms_count) return IMAPI_E_MULTISESSION_NOT_SET;
        if (FAILED(hr = fsi_multisession_recorder(image->ms, image->ms_count, &rec, &ms))) return hr;
        if (used) *used = ms;
    }
    else IDiscRecorder2_AddRef(rec);
    hr = fsi_disc_open(rec, state, disc);
    IDiscRecorder2_Release(rec);
    return hr;
}

static FsiFileSystems default_for_import(FsiFileSystems fs)
{
    if (fs & FsiFileSystemUDF) return FsiFileSystemUDF;
    if (fs & FsiFileSystemJoliet) return FsiFileSystemJoliet;
    if (fs & FsiFileSystemISO9660) return FsiFileSystemISO9660;
    return FsiFileSystemNone;
}

/* ImportFileSystem (want FsiFileSystemNone: the default of the last session) and
 * ImportSpecificFileSystem. On success the new session goes to the next writable
 * address with the medium's free blocks (spec 5), FileSystemsToCreate keeps the
 * imported file system ([undoc]: what the disc has and we write), and the imported
 * volume name is kept for ImportedVolumeName. A second import from the same file
 * system merges again (in-memory items win); [undoc] another file system than the one
 * imported before is IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION. */
static HRESULT import_file_system(struct fsimage *image, FsiFileSystems want, FsiFileSystems *imported)
{
    struct fsi_disc_state st;
    IMultisession *used;
    fs_import_info info;
    uint32_t found = 0;
    LONG point;
    fs_disc *disc;
    HRESULT hr;

    if (!image->ms_count) return IMAPI_E_MULTISESSION_NOT_SET;
    if (image->boot_count) return IMAPI_E_BOOT_OBJECT_CONFLICT;
    if (FAILED(hr = open_import_disc(image, NULL, &st, &disc, &used))) return hr;
    if ((hr = fs_read_identify(disc, st.session_start, &found))) goto done;
    if (!want)
    {
        if (!(want = default_for_import(found))) { hr = IMAPI_E_NO_SUPPORTED_FILE_SYSTEM; goto done; }
    }
    else if (!(found & want))
    {
        hr = IMAPI_E_FILE_SYSTEM_NOT_FOUND;
        goto done;
    }
    if (image->imported_fs && image->imported_fs != want) { hr = IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION; goto done; }
    if (!st.appendable) { hr = IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION; goto done; }
    point = fs_tree_change_point(image->tree);
    if ((hr = fsi_import_tree(image, disc, st.session_start, want, &info))) goto done;
    image->session_start = st.next_writable;
    image->random_write = st.random_write;
    if (st.free_blocks > 0) image->free_blocks = st.free_blocks;
    image->fs_create |= found & FSI_WRITABLE_FS;
    if ((image->fs_create & FsiFileSystemJoliet) && !(image->fs_create & FsiFileSystemISO9660))
        image->fs_create |= FsiFileSystemISO9660;
    apply_limits(image);
    if (image->free_blocks && used_blocks(image) > image->free_blocks)
    {
        fs_tree_rollback(image->tree, point);
        hr = IMAPI_E_IMAGE_TOO_BIG;
        goto done;
    }
    /* [undoc] A UDF import keeps the disc's UDF revision for the new session (a lower
     * one would take features away from the volume; one we cannot write is left). */
    if (want == FsiFileSystemUDF && fs_udf_revision_supported(info.udf_revision))
        image->udf_revision = (LONG)info.udf_revision;
    image->imported_fs = want;
    {
        BSTR id = NULL;
        if (SUCCEEDED(fsi_disc_identifier(disc, &st, &id)))
        {
            SysFreeString(image->import_disc_id);
            image->import_disc_id = id;
        }
    }
    free(image->imported_volume);
    if ((image->imported_volume = malloc((info.volume_name_len + 1) * sizeof(WCHAR))))
    {
        memcpy(image->imported_volume, info.volume_name, info.volume_name_len * sizeof(WCHAR));
        image->imported_volume[info.volume_name_len] = 0;
    }
    if (used) IMultisession_put_InUse(used, VARIANT_TRUE);
    if (imported) *imported = want;
done:
    fs_disc_release(disc);
    if (FAILED(hr)) WARN("import failed: %#lx\n", (unsigned long)hr);
    return hr;
}

static HRESULT WINAPI fsimage_CalculateDiscIdentifier(IFileSystemImage3 *iface, BSTR *discIdentifier)
{
    struct fsimage *image = fsimage_impl(iface);
    struct fsi_disc_state st;
    fs_disc *disc;
    HRESULT hr;

    TRACE("(%p)->(%p)\n", image, discIdentifier);
    if (!discIdentifier) return E_POINTER;
    *discIdentifier = NULL;
    if (!image->ms_count) return IMAPI_E_MULTISESSION_NOT_SET;
    if (FAILED(hr = open_import_disc(image, NULL, &st, &disc, NULL))) return hr;
    hr = fsi_disc_identifier(disc, &st, discIdentifier);
    fs_disc_release(disc);
    return hr;
}

/* [undoc] A blank medium has no file system: S_OK with FsiFileSystemNone; no medium
 * is IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE as for the import members. UDF is
 * reported when its recognition sequence and an anchor are there. */
static HRESULT WINAPI fsimage_IdentifyFileSystemsOnDisc(IFileSystemImage3 *iface, IDiscRecorder2 *discRecorder, FsiFileSystems *fileSystems)
{
    struct fsimage *image = fsimage_impl(iface);
    struct fsi_disc_state st;
    uint32_t found = 0;
    fs_disc *disc;
    HRESULT hr;

    TRACE("(%p)->(%p %p)\n", image, discRecorder, fileSystems);
    if (!fileSystems) return E_POINTER;
    *fileSystems = FsiFileSystemNone;
    /* [undoc] no recorder and no MultisessionInterfaces to take one from. */
    if (!discRecorder && !image->ms_count) return IMAPI_E_MULTISESSION_NOT_SET;
    hr = open_import_disc(image, discRecorder, &st, &disc, NULL);
    if (hr == IMAPI_E_EMPTY_DISC) return S_OK;
    if (FAILED(hr)) return hr;
    hr = fs_read_identify(disc, st.session_start, &found);
    fs_disc_release(disc);
    if (FAILED(hr)) return hr;
    *fileSystems = (FsiFileSystems)found;
    return S_OK;
}

/* The file system ImportFileSystem would pick from a set: UDF > Joliet > ISO9660.
 * Bits outside the known ones: IMAPI_E_INVALID_PARAM; an empty set gives
 * FsiFileSystemNone [undoc]. */
static HRESULT WINAPI fsimage_GetDefaultFileSystemForImport(IFileSystemImage3 *iface, FsiFileSystems fileSystems, FsiFileSystems *importDefault)
{
    TRACE("(%p)->(%#x %p)\n", iface, fileSystems, importDefault);
    if (!importDefault) return E_POINTER;
    *importDefault = FsiFileSystemNone;
    if (fileSystems & ~(FSI_ALL_FS | FsiFileSystemUnknown)) return IMAPI_E_INVALID_PARAM;
    *importDefault = default_for_import(fileSystems);
    return S_OK;
}

static HRESULT WINAPI fsimage_ImportFileSystem(IFileSystemImage3 *iface, FsiFileSystems *importedFileSystem)
{
    struct fsimage *image = fsimage_impl(iface);
    TRACE("(%p)->(%p)\n", image, importedFileSystem);
    if (!importedFileSystem) return E_POINTER;
    *importedFileSystem = FsiFileSystemNone;
    return import_file_system(image, FsiFileSystemNone, importedFileSystem);
}

static BOOL single_file_system(LONG fs)
{
    return fs == FsiFileSystemISO9660 || fs == FsiFileSystemJoliet || fs == FsiFileSystemUDF;
}

static HRESULT WINAPI fsimage_ImportSpecificFileSystem(IFileSystemImage3 *iface, FsiFileSystems fileSystemToUse)
{
    struct fsimage *image = fsimage_impl(iface);
    TRACE("(%p)->(%#x)\n", image, fileSystemToUse);
    if (!single_file_system(fileSystemToUse)) return IMAPI_E_INVALID_PARAM;
    return import_file_system(image, fileSystemToUse, NULL);
}

/* Below the locked point or above the current one: IMAPI_E_INVALID_PARAM (core/fs). */
static HRESULT WINAPI fsimage_RollbackToChangePoint(IFileSystemImage3 *iface, LONG changePoint)
{
    TRACE("(%p)->(%ld)\n", iface, (long)changePoint);
    return fs_tree_rollback(fsimage_impl(iface)->tree, changePoint);
}

static HRESULT WINAPI fsimage_LockInChangePoint(IFileSystemImage3 *iface)
{
    TRACE("(%p)\n", iface);
    return fs_tree_lock_in(fsimage_impl(iface)->tree);
}

static HRESULT WINAPI fsimage_CreateDirectoryItem(IFileSystemImage3 *iface, BSTR name, IFsiDirectoryItem **newItem)
{
    struct fsimage *image = fsimage_impl(iface);
    fs_item *item;
    HRESULT hr;

    TRACE("(%p)->(%s %p)\n", image, debugstr_w(name), newItem);
    if (!newItem) return E_POINTER;
    *newItem = NULL;
    if ((hr = fs_item_new_dir(image->tree, name, fsi_bstr_len(name), &item))) return hr;
    hr = fsi_item_create(image, item, FALSE, &IID_IFsiDirectoryItem, (void **)newItem);
    fs_item_release(item);
    return hr;
}

/* A file item without data (DataSize 0) until put_Data. */
static HRESULT WINAPI fsimage_CreateFileItem(IFileSystemImage3 *iface, BSTR name, IFsiFileItem **newItem)
{
    struct fsimage *image = fsimage_impl(iface);
    fs_data_source empty = { 0 };
    fs_item *item;
    HRESULT hr;

    TRACE("(%p)->(%s %p)\n", image, debugstr_w(name), newItem);
    if (!newItem) return E_POINTER;
    *newItem = NULL;
    if ((hr = fs_item_new_file(image->tree, name, fsi_bstr_len(name), &empty, &item))) return hr;
    hr = fsi_item_create(image, item, FALSE, &IID_IFsiFileItem, (void **)newItem);
    fs_item_release(item);
    return hr;
}

/* UDF keeps VolumeName as it is (UDF allows far longer names than the 15 accepted). */
static HRESULT WINAPI fsimage_get_VolumeNameUDF(IFileSystemImage3 *iface, BSTR *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_return_bstr(fsimage_impl(iface)->volume_name, pVal);
}

static HRESULT WINAPI fsimage_get_VolumeNameJoliet(IFileSystemImage3 *iface, BSTR *pVal)
{
    struct fsimage *image = fsimage_impl(iface);
    uint16_t out[17];
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    if (!image->volume_name) return imapi_return_bstr(NULL, pVal);
    fs_volume_name_joliet(image->volume_name, wcslen(image->volume_name), out);
    return imapi_return_bstr(out, pVal);
}

static HRESULT WINAPI fsimage_get_VolumeNameISO9660(IFileSystemImage3 *iface, BSTR *pVal)
{
    struct fsimage *image = fsimage_impl(iface);
    char out[33];
    WCHAR w[33];
    int i;

    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    if (!image->volume_name) return imapi_return_bstr(NULL, pVal);
    fs_volume_name_iso9660(image->volume_name, wcslen(image->volume_name), out);
    for (i = 0; out[i]; i++) w[i] = (unsigned char)out[i];
    w[i] = 0;
    return imapi_return_bstr(w, pVal);
}

static HRESULT WINAPI fsimage_get_StageFiles(IFileSystemImage3 *iface, VARIANT_BOOL *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->stage;
    return S_OK;
}

/* FALSE: file data is read from its source when the image stream is read. TRUE: the
 * data of files added afterwards (AddFile, Add, AddTree, AddStream) is copied into stash
 * files in WorkingDirectory at add time (fsi_source_stage); items added before keep
 * their sources (not retroactive, spec 3.1), and so do staged items when it goes back
 * to FALSE. The directory is checked when a copy starts, not here [undoc]. */
static HRESULT WINAPI fsimage_put_StageFiles(IFileSystemImage3 *iface, VARIANT_BOOL newVal)
{
    TRACE("(%p)->(%d)\n", iface, newVal);
    fsimage_impl(iface)->stage = newVal ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

/* One element of a 1-D SAFEARRAY of VARIANTs or of interface pointers, as an
 * AddRef'ed IUnknown (NULL for other element types). */
static HRESULT safearray_unknown(SAFEARRAY *sa, LONG i, IUnknown **out)
{
    VARTYPE vt = VT_EMPTY;
    VARIANT v;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = SafeArrayGetVartype(sa, &vt))) return hr;
    if (vt == VT_DISPATCH || vt == VT_UNKNOWN)
    {
        if (FAILED(hr = SafeArrayGetElement(sa, &i, out))) return hr;
        return *out ? S_OK : E_NOINTERFACE;
    }
    if (vt != VT_VARIANT) return E_NOINTERFACE;
    VariantInit(&v);
    if (FAILED(hr = SafeArrayGetElement(sa, &i, &v))) return hr;
    if ((V_VT(&v) == VT_DISPATCH || V_VT(&v) == VT_UNKNOWN) && V_UNKNOWN(&v))
    {
        *out = V_UNKNOWN(&v);
        IUnknown_AddRef(*out);
    }
    VariantClear(&v);
    return *out ? S_OK : E_NOINTERFACE;
}

static HRESULT WINAPI fsimage_get_MultisessionInterfaces(IFileSystemImage3 *iface, SAFEARRAY **pVal)
{
    struct fsimage *image = fsimage_impl(iface);
    /* [undoc] none set: an empty array. */
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_safearray_from_dispatch((IDispatch *const *)image->ms, image->ms_count, pVal);
}

static void clear_ms(struct fsimage *image)
{
    unsigned i;
    for (i = 0; i < image->ms_count; i++) IMultisession_Release(image->ms[i]);
    free(image->ms);
    image->ms = NULL;
    image->ms_count = 0;
}

/* Spec 3.1 rules: every element an IMultisession (else the QI error), at most one
 * InUse (else IMAPI_E_BAD_MULTISESSION_PARAMETER), and one usable
 * IMultisessionSequential or IMultisessionRandomWrite (else
 * IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE; an empty array too). [undoc] The page says
 * only IMultisessionSequential is taken; Windows 7 appends on rewritable media (spec 5)
 * through IMultisessionRandomWrite, which is what the format hands out for them. The
 * objects are then kept; importing from them needs a drive. */
static HRESULT WINAPI fsimage_put_MultisessionInterfaces(IFileSystemImage3 *iface, SAFEARRAY *newVal)
{
    struct fsimage *image = fsimage_impl(iface);
    IMultisession **list = NULL;
    LONG lb, ub, i, n = 0, in_use = 0, usable = 0;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p)\n", image, newVal);
    if (!newVal) return E_POINTER;
    if (SafeArrayGetDim(newVal) != 1) return IMAPI_E_INVALID_PARAM;
    SafeArrayGetLBound(newVal, 1, &lb);
    SafeArrayGetUBound(newVal, 1, &ub);
    if (ub < lb) return IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE;
    if (!(list = calloc(ub - lb + 1, sizeof(*list)))) return E_OUTOFMEMORY;
    for (i = lb; i <= ub && SUCCEEDED(hr); i++)
    {
        IUnknown *unk;
        VARIANT_BOOL flag;

        if (FAILED(hr = safearray_unknown(newVal, i, &unk))) break;
        if (SUCCEEDED(hr = IUnknown_QueryInterface(unk, &IID_IMultisession, (void **)&list[n])))
        {
            if (SUCCEEDED(IMultisession_get_InUse(list[n], &flag)) && flag) in_use++;
            if (fsi_multisession_usable(list[n])) usable++;
            n++;
        }
        IUnknown_Release(unk);
    }
    if (SUCCEEDED(hr) && in_use > 1) hr = IMAPI_E_BAD_MULTISESSION_PARAMETER;
    if (SUCCEEDED(hr) && !usable) hr = IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE;
    if (FAILED(hr))
    {
        for (i = 0; i < n; i++) IMultisession_Release(list[i]);
        free(list);
        return hr;
    }
    clear_ms(image);
    image->ms = list;
    image->ms_count = n;
    return S_OK;
}

static HRESULT WINAPI fsimage_get_BootImageOptionsArray(IFileSystemImage3 *iface, SAFEARRAY **pVal)
{
    struct fsimage *image = fsimage_impl(iface);
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_safearray_from_dispatch((IDispatch *const *)image->boot, image->boot_count, pVal);
}

/* References kept (spec 3.2), their values read at CreateResultImage. An empty
 * array: not bootable. Elements must be IBootOptions (E_NOINTERFACE otherwise) with a
 * boot image (IMAPI_E_BOOT_IMAGE_DATA); an image with previous sessions
 * (SessionStartBlock not 0): IMAPI_E_BOOT_OBJECT_CONFLICT; more than
 * IMAPI2FS_BOOT_ENTRY_COUNT_MAX (32) entries: [undoc] IMAPI_E_BOOT_IMAGE_DATA, the
 * page's "could not be added". Not one-dimensional: IMAPI_E_INVALID_PARAM [undoc]. */
static HRESULT WINAPI fsimage_put_BootImageOptionsArray(IFileSystemImage3 *iface, SAFEARRAY *newVal)
{
    struct fsimage *image = fsimage_impl(iface);
    IBootOptions **list;
    LONG lb, ub, i, n = 0;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%p)\n", image, newVal);
    if (!newVal) return E_POINTER;
    if (SafeArrayGetDim(newVal) != 1) return IMAPI_E_INVALID_PARAM;
    SafeArrayGetLBound(newVal, 1, &lb);
    SafeArrayGetUBound(newVal, 1, &ub);
    if (ub >= lb && image->session_start) return IMAPI_E_BOOT_OBJECT_CONFLICT;
    if (ub - lb + 1 > FSI_MAX_BOOT_ENTRIES) return IMAPI_E_BOOT_IMAGE_DATA;
    if (!(list = calloc(ub >= lb ? ub - lb + 1 : 1, sizeof(*list)))) return E_OUTOFMEMORY;
    for (i = lb; i <= ub && SUCCEEDED(hr); i++)
    {
        IUnknown *unk;
        IStream *data = NULL;
        if (FAILED(hr = safearray_unknown(newVal, i, &unk))) break;
        if (SUCCEEDED(hr = IUnknown_QueryInterface(unk, &IID_IBootOptions, (void **)&list[n]))) n++;
        IUnknown_Release(unk);
        if (SUCCEEDED(hr) && (FAILED(IBootOptions_get_BootImage(list[n - 1], &data)) || !data))
            hr = IMAPI_E_BOOT_IMAGE_DATA;
        if (data) IStream_Release(data);
    }
    if (FAILED(hr))
    {
        for (i = 0; i < n; i++) IBootOptions_Release(list[i]);
        free(list);
        return hr;
    }
    clear_boot(image);
    image->boot = list;
    image->boot_count = n;
    image->boot_is_array = TRUE;
    return S_OK;
}

static HRESULT WINAPI fsimage_get_CreateRedundantUdfMetadataFiles(IFileSystemImage3 *iface, VARIANT_BOOL *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fsimage_impl(iface)->redundant_udf;
    return S_OK;
}

/* Stored always; effective only with UDF >= 2.50 selected, otherwise (spec pitfall 14)
 * the success code IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED. */
static HRESULT WINAPI fsimage_put_CreateRedundantUdfMetadataFiles(IFileSystemImage3 *iface, VARIANT_BOOL newVal)
{
    struct fsimage *image = fsimage_impl(iface);
    TRACE("(%p)->(%d)\n", iface, newVal);
    image->redundant_udf = newVal ? VARIANT_TRUE : VARIANT_FALSE;
    if (newVal && !fsimage_udf_at_least(image, 0x250)) return IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED;
    return S_OK;
}

static HRESULT WINAPI fsimage_ProbeSpecificFileSystem(IFileSystemImage3 *iface, FsiFileSystems fileSystemToProbe, VARIANT_BOOL *isAppendable)
{
    struct fsimage *image = fsimage_impl(iface);
    struct fsi_disc_state st;
    uint32_t found = 0;
    fs_disc *disc;
    HRESULT hr;

    TRACE("(%p)->(%#x %p)\n", image, fileSystemToProbe, isAppendable);
    if (!isAppendable) return E_POINTER;
    *isAppendable = VARIANT_FALSE;
    if (!single_file_system(fileSystemToProbe)) return IMAPI_E_INVALID_PARAM;
    if (!image->ms_count) return IMAPI_E_MULTISESSION_NOT_SET;
    if (FAILED(hr = open_import_disc(image, NULL, &st, &disc, NULL))) return hr;
    hr = fs_read_identify(disc, st.session_start, &found);
    fs_disc_release(disc);
    if (FAILED(hr)) return hr;
    /* [undoc] Appendable: the file system is in the last session and the medium takes
     * a new session after it. Absent: S_OK and FALSE (the page documents only S_OK). */
    if ((found & fileSystemToProbe) && st.appendable)
        *isAppendable = VARIANT_TRUE;
    return S_OK;
}

static const IFileSystemImage3Vtbl fsimage_vtbl =
{
    fsimage_QueryInterface, fsimage_AddRef, fsimage_Release, fsimage_GetTypeInfoCount, fsimage_GetTypeInfo,
    fsimage_GetIDsOfNames, fsimage_Invoke, fsimage_get_Root, fsimage_get_SessionStartBlock,
    fsimage_put_SessionStartBlock, fsimage_get_FreeMediaBlocks, fsimage_put_FreeMediaBlocks,
    fsimage_SetMaxMediaBlocksFromDevice, fsimage_get_UsedBlocks, fsimage_get_VolumeName,
    fsimage_put_VolumeName, fsimage_get_ImportedVolumeName, fsimage_get_BootImageOptions,
    fsimage_put_BootImageOptions, fsimage_get_FileCount, fsimage_get_DirectoryCount,
    fsimage_get_WorkingDirectory, fsimage_put_WorkingDirectory, fsimage_get_ChangePoint,
    fsimage_get_StrictFileSystemCompliance, fsimage_put_StrictFileSystemCompliance,
    fsimage_get_UseRestrictedCharacterSet, fsimage_put_UseRestrictedCharacterSet,
    fsimage_get_FileSystemsToCreate, fsimage_put_FileSystemsToCreate, fsimage_get_FileSystemsSupported,
    fsimage_put_UDFRevision, fsimage_get_UDFRevision, fsimage_get_UDFRevisionsSupported,
    fsimage_ChooseImageDefaults, fsimage_ChooseImageDefaultsForMediaType, fsimage_put_ISO9660InterchangeLevel,
    fsimage_get_ISO9660InterchangeLevel, fsimage_get_ISO9660InterchangeLevelsSupported,
    fsimage_CreateResultImage, fsimage_Exists, fsimage_CalculateDiscIdentifier,
    fsimage_IdentifyFileSystemsOnDisc, fsimage_GetDefaultFileSystemForImport, fsimage_ImportFileSystem,
    fsimage_ImportSpecificFileSystem, fsimage_RollbackToChangePoint, fsimage_LockInChangePoint,
    fsimage_CreateDirectoryItem, fsimage_CreateFileItem, fsimage_get_VolumeNameUDF,
    fsimage_get_VolumeNameJoliet, fsimage_get_VolumeNameISO9660, fsimage_get_StageFiles,
    fsimage_put_StageFiles, fsimage_get_MultisessionInterfaces, fsimage_put_MultisessionInterfaces,
    fsimage_get_BootImageOptionsArray, fsimage_put_BootImageOptionsArray,
    fsimage_get_CreateRedundantUdfMetadataFiles, fsimage_put_CreateRedundantUdfMetadataFiles,
    fsimage_ProbeSpecificFileSystem
};

static const struct imapi_iface_entry fsimage_ifaces[] =
{
    IMAPI_IFACE(IID_IFileSystemImage3, struct fsimage, IFileSystemImage3_iface),
    IMAPI_IFACE(IID_IFileSystemImage2, struct fsimage, IFileSystemImage3_iface),
    IMAPI_IFACE(IID_IFileSystemImage, struct fsimage, IFileSystemImage3_iface),
    { NULL }
};

static void fsimage_destroy(struct imapi_object *obj)
{
    struct fsimage *image = CONTAINING_RECORD(obj, struct fsimage, obj);
    free_extras(image);
    clear_boot(image);
    clear_ms(image);
    watch_release(image->results);
    if (image->tree) fs_tree_free(image->tree);
    free(image->volume_name);
    SysFreeString(image->import_disc_id);
    free(image->imported_volume);
    free(image->working_dir);
    free(image);
}

HRESULT fsimage_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DFileSystemImageEvents, &IID_DFileSystemImageImportEvents };
    struct fsimage *image;
    WCHAR temp[MAX_PATH + 1];
    DWORD len;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(image = calloc(1, sizeof(*image)))) return E_OUTOFMEMORY;
    image->IFileSystemImage3_iface.lpVtbl = &fsimage_vtbl;
    imapi_object_init(&image->obj, fsimage_ifaces, TRUE, fsimage_destroy);
    if (!(image->tree = fs_tree_new()) || !(image->results = calloc(1, sizeof(*image->results))))
    {
        imapi_object_release(&image->obj);
        return E_OUTOFMEMORY;
    }
    image->results->refs = 1;
    fs_tree_set_clock(image->tree, fsimage_now, NULL);
    image->free_blocks = FSI_DEFAULT_FREE_BLOCKS;
    /* [undoc] defaults, as observed on Windows (spec 4.2): ISO9660|Joliet, UDF 1.02;
     * interchange level 2 (core/fs's default: long ISO9660 names). */
    image->fs_create = FsiFileSystemISO9660 | FsiFileSystemJoliet;
    image->udf_revision = 0x102;
    image->iso_level = 2;
    /* WorkingDirectory: the user's TEMP directory, without the trailing separator. */
    len = GetTempPathW(ARRAY_SIZE(temp), temp);
    if (len > 3 && len < ARRAY_SIZE(temp) && temp[len - 1] == '\\') temp[len - 1] = 0;
    image->working_dir = _wcsdup(len ? temp : L"C:\\");
    apply_limits(image);
    return imapi_object_create_done(&image->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
