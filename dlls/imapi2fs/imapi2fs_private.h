/* Private declarations of imapi2fs.dll. */
#ifndef IMAPI2FS_PRIVATE_H
#define IMAPI2FS_PRIVATE_H

#include "imapi_com.h"
#include <stdio.h>
#include <wchar.h>
#include <shlwapi.h>
#include "imapi2.h"
#include "imapi2fs.h"
#include "imapi2error.h"
#include "imapi2fserror.h"
#include "fs/fs_tree.h"
#include "fs/fs_layout.h"
#include "fs/fs_image.h"
#include "fs/fs_read.h"

HRESULT boot_options_create(REFIID riid, void **ppv);
struct fs_boot_entry;
HRESULT boot_options_entry(IBootOptions *opts, struct fs_boot_entry *e);
HRESULT boot_options_copy(IBootOptions *src, IBootOptions **out);
HRESULT fsimage_create(REFIID riid, void **ppv);
HRESULT iso_manager_create(REFIID riid, void **ppv);

/* ---- MsftFileSystemImage internals shared with the item objects (fsimage.c) ---- */

struct fsimage;

/* Per-file state that core/fs does not keep (IFsiFileItem2): named streams and the
 * real-time flag. Kept by the image, keyed by the item, so every wrapper of one item
 * sees the same state. */
struct fsi_named_stream
{
    WCHAR *name;
    IStream *data;
    ULONGLONG size;
};

struct fsi_file_extra
{
    struct fsi_file_extra *next;
    fs_item *item;                    /* referenced */
    BOOL real_time;
    struct fsi_named_stream *streams;
    unsigned count, capacity;
};

fs_tree *fsimage_tree(struct fsimage *image);
IUnknown *fsimage_unknown(struct fsimage *image);          /* AddRef'ed */
void fsimage_addref(struct fsimage *image);
void fsimage_release(struct fsimage *image);
/* Fire DFileSystemImageEvents::Update (DISPID 256). */
void fsimage_fire_update(struct fsimage *image, const WCHAR *file, LONG copied, LONG total);
BOOL fsimage_has_update_sinks(struct fsimage *image);
/* The extra state of a file item; create = allocate when missing (NULL on OOM). */
struct fsi_file_extra *fsimage_file_extra(struct fsimage *image, fs_item *item, BOOL create);
/* Named streams in the whole image (limit 1000, spec 3.6). */
unsigned fsimage_named_stream_count(struct fsimage *image);
/* UDF selected with at least this revision (named streams 0x200, real time 0x201). */
BOOL fsimage_udf_at_least(struct fsimage *image, LONG revision);
LONG fsimage_iso_level(struct fsimage *image);
/* WorkingDirectory while StageFiles is TRUE, NULL otherwise: data added now is staged. */
const WCHAR *fsimage_stage_dir(struct fsimage *image);

/* Fire DFileSystemImageImportEvents::UpdateImport (DISPID 257). */
void fsimage_fire_import(struct fsimage *image, FsiFileSystems fs, const WCHAR *item, LONG dirs, LONG dirs_total,
                         LONG files, LONG files_total);
BOOL fsimage_has_import_sinks(struct fsimage *image);
/* The file system imported into the image (FsiFileSystemNone before an import). */
FsiFileSystems fsimage_imported(struct fsimage *image);

/* ---- import (fsi_import.c) ---- */

/* The medium behind a recorder, as the import members need it. */
struct fsi_disc_state
{
    USHORT profile;
    unsigned sessions;
    LONG session_start;      /* first block of the last session (0 on overwrite media) */
    LONG last_written;
    BOOL sequential;
    BOOL appendable;         /* sequential with a next writable address, or overwrite media with room */
    BOOL random_write;       /* overwrite media: the new session grows the one file system (fsi_import.c) */
    LONG next_writable;      /* where a new session goes */
    LONG free_blocks;        /* IDiscFormat2Data::FreeSectorsOnMedia's figure */
};
/* The recorder's medium as a core disc (READ(10) through IDiscRecorder2Ex). Errors:
 * E_INVALIDARG (not our recorder), IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE (no medium),
 * IMAPI_E_EMPTY_DISC, the recorder's own failures. */
HRESULT fsi_disc_open(IDiscRecorder2 *recorder, struct fsi_disc_state *state, fs_disc **disc);
/* The lowest block a logical session on overwrite media starts at: past UDF's anchor. */
#define FSI_RANDOM_WRITE_MIN_START 257
/* An IMultisessionSequential or IMultisessionRandomWrite usable on the current medium. */
BOOL fsi_multisession_usable(IMultisession *ms);
/* The ImportRecorder of the multisession object to use (AddRef'ed), and that object
 * (borrowed). IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE when none can give one. */
HRESULT fsi_multisession_recorder(IMultisession *const *ms, unsigned count, IDiscRecorder2 **out, IMultisession **used);
/* Import file system fs of the session at session_start into the image's tree, firing
 * UpdateImport. Core errors (fs_read.h) come back as they are. */
HRESULT fsi_import_tree(struct fsimage *image, fs_disc *disc, LONG session_start, FsiFileSystems fs,
                        fs_import_info *info);
HRESULT fsi_disc_identifier(fs_disc *disc, const struct fsi_disc_state *state, BSTR *out);
/* IFsiFileItem::Data of an imported file: a read-only IStream over its source. */
HRESULT fsi_import_data_stream(const fs_data_source *src, IStream **out);

/* ---- data sources (fsi_source.c) ---- */

/* A source over a client IStream (AddFile, put_Data, AddStream). Takes the size from
 * IStream::Stat; opened by Clone (independent position) or, when the stream cannot be
 * cloned, by seeking the shared stream back to 0. */
HRESULT fsi_source_from_stream(IStream *stream, fs_data_source *out);
/* A source over the file name in directory dir on disk (AddTree): opened with
 * CreateFileW only when the image reader reaches it, so no handle stays open per file.
 * The source takes its own reference on dir, which the files of one directory share. */
struct fsi_path_dir;
HRESULT fsi_path_dir_create(const WCHAR *path, struct fsi_path_dir **out);
void fsi_path_dir_release(struct fsi_path_dir *dir);
HRESULT fsi_source_from_path(struct fsi_path_dir *dir, const WCHAR *name, ULONGLONG size, fs_data_source *out);
/* StageFiles TRUE: copy src's data into a new stash file in dir (WorkingDirectory),
 * firing Update for name at 0, every MB and the tail; *out then reads the stash, which
 * is deleted with the source's last reference. src is not consumed. */
HRESULT fsi_source_stage(struct fsimage *image, const WCHAR *dir, const WCHAR *name, const fs_data_source *src,
                         fs_data_source *out);
/* The same for a named stream: *out is a read-only IStream over the stash. */
HRESULT fsi_source_stage_stream(struct fsimage *image, const WCHAR *dir, const WCHAR *name, IStream *stream,
                                IStream **out);
BOOL fsi_source_is_staged(const fs_data_source *src);
/* Move the stash file of a staged source / of a staged named stream into dir
 * (IMAPI_E_STASHFILE_MOVE on failure); anything else: S_OK, nothing done. */
HRESULT fsi_source_move_stash(const fs_data_source *src, const WCHAR *dir);
HRESULT fsi_stream_move_stash(IStream *stream, const WCHAR *dir);
/* The content as a new IStream positioned at 0 (get_Data); *out NULL for no data. */
HRESULT fsi_source_get_stream(const fs_data_source *src, IStream **out);

/* ---- items (fsi_item.c) ---- */

/* Wrap an item: an IFsiDirectoryItem2 or IFsiFileItem2 object, returned as the
 * interface iid asks for. */
HRESULT fsi_item_create(struct fsimage *image, fs_item *item, BOOL named_stream, REFIID riid, void **ppv);
/* The core item behind one of our IFsiItem-derived pointers, or NULL for foreign ones. */
fs_item *fsi_item_unwrap(IUnknown *unk, struct fsimage **image);
/* A full path of an item as a new WCHAR string (free()). */
WCHAR *fsi_item_path(const fs_item *item);

/* ---- enumerators (fsi_enum.c) ---- */

/* IEnumFsiItems over a snapshot of items (each AddRef'ed inside). */
HRESULT fsi_enum_items_create(IFsiItem **items, ULONG count, IEnumFsiItems **out);
/* IEnumProgressItems over a snapshot. */
HRESULT fsi_enum_progress_create(IProgressItem **items, ULONG count, IEnumProgressItems **out);

/* ---- named streams collection (fsi_named_streams.c) ---- */
HRESULT fsi_named_streams_create(struct fsimage *image, fs_item *file, IFsiNamedStreams **out);

/* ---- error descriptions (fsi_error.c) ----
 * The thread's IErrorInfo for a failure hr: description = hr's message text (if any)
 * and detail ("Path: <path>" for fsi_set_error_path), source "IMAPI2", guid iid (the
 * interface of the failed member). */
void fsi_set_error(HRESULT hr, const IID *iid, const WCHAR *detail);
void fsi_set_error_path(HRESULT hr, const IID *iid, const WCHAR *path);

/* ---- result (fsi_result.c, fsi_stream.c, fsi_progress.c) ---- */
HRESULT fsi_result_create(fs_layout *layout, const WCHAR *disc_id, ULONG session_start, IFileSystemImageResult **out);
HRESULT fsi_stream_create(fs_layout *layout, IStream **out);
/* fsi_ranges.c: the modified ranges of a random-write layout (fs_layout_modified_*) as
 * a BlockRangeList, and as the SAFEARRAY of BlockRange its BlockRanges returns. */
HRESULT fsi_block_range_list_create(fs_layout *layout, IBlockRangeList **out);
HRESULT fsi_block_ranges_array(fs_layout *layout, SAFEARRAY **out);
HRESULT fsi_progress_items_create(fs_layout *layout, ULONG session_start, IProgressItems **out);

/* ---- layout references across threads ----
 * core/fs counts layout references without atomics. A result image stream is often
 * read on a burner's thread while the result object dies on the caller's, so every
 * layout addref/release and image reader open/close in this DLL goes through one lock. */
void fsi_layout_addref(fs_layout *layout);
void fsi_layout_release(fs_layout *layout);
int32_t fsi_image_open(fs_layout *layout, fs_image **out);
void fsi_image_close(fs_image *image);

/* ---- helpers ---- */
HRESULT fsi_safearray_from_ulongs(const ULONG *values, unsigned count, SAFEARRAY **out);
/* DATE <-> fs_time (FILETIME ticks, UTC). */
HRESULT fsi_date_to_time(DATE date, fs_time *out);
HRESULT fsi_time_to_date(fs_time t, DATE *out);
static inline size_t fsi_bstr_len(BSTR s) { return s ? SysStringLen(s) : 0; }

#endif
