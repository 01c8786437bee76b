/* The IStream side shared by the four helper streams (MsftStreamZero, MsftStreamPrng001,
 * MsftStreamConcatenate, MsftStreamInterleave): a read-only stream of a known size whose
 * bytes a per-stream read_at() produces for any offset. Position, size, Seek, Read,
 * CopyTo, Stat, Clone and the read-only answers live here once; each stream only says
 * how to make its bytes and how to copy itself.
 *
 * Decisions where the spec is silent ([undoc], tested in winetest/stream_zero.c and
 * winetest/streams.c), the answers of FsiStream and Wine's memory streams:
 *  - Read gives the bytes from the position up to the size, S_OK also for a short or empty
 *    read at or past the end; a NULL buffer: STG_E_INVALIDPOINTER.
 *  - Write: STG_E_ACCESSDENIED (read only); a NULL buffer STG_E_INVALIDPOINTER.
 *  - SetSize: streams whose size the caller sets (zero, PRNG) take any size up to
 *    2^63 - 1 (beyond: STG_E_INVALIDFUNCTION) and keep the position; streams whose size
 *    comes from their parts (concatenate, interleave): STG_E_ACCESSDENIED.
 *  - Seek: origins SET/CUR/END; past the end is allowed (reads nothing there); a negative
 *    or > 2^63 - 1 result or another origin: STG_E_INVALIDFUNCTION, position unchanged.
 *  - Stat: STGTY_STREAM, cbSize, grfMode STGM_READ, the object's clsid, no name; flags
 *    other than NONAME / NOOPEN: STG_E_INVALIDFLAG.
 *  - CopyTo: reads from the position in 64 KiB pieces and writes them; a short write ends
 *    it with STG_E_MEDIUMFULL. Commit / Revert S_OK; Lock / UnlockRegion
 *    STG_E_INVALIDFUNCTION.
 *  - Clone: a new stream of the same content at the same position, moving on its own.
 * Size and position are kept under a lock, so one stream may be used from several threads
 * (a format's write loop and the client). */
#ifndef STREAM_BASE_H
#define STREAM_BASE_H

#include "imapi2_private.h"

#define STREAM_MAX_SIZE 0x7fffffffffffffffULL

struct stream_base;

struct stream_base_ops
{
    /* Up to len bytes at offset (offset < size); *got is what was produced. Called
     * under the stream's lock. */
    HRESULT (*read_at)(struct stream_base *base, ULONGLONG offset, BYTE *buf, ULONG len, ULONG *got);
    /* A new object with the same content; the base copies size and position into *copy. */
    HRESULT (*clone)(struct stream_base *base, struct stream_base **copy, IStream **out);
    BOOL size_settable;       /* SetSize allowed (zero, PRNG) */
    const CLSID *clsid;
};

struct stream_base
{
    const struct stream_base_ops *ops;
    SRWLOCK lock;
    ULONGLONG size, pos;
};

void stream_base_init(struct stream_base *base, const struct stream_base_ops *ops);
ULONGLONG stream_base_size(struct stream_base *base);
void stream_base_set_pos(struct stream_base *base, ULONGLONG pos);

HRESULT stream_base_read(struct stream_base *base, void *pv, ULONG cb, ULONG *read);
HRESULT stream_base_write(const void *pv, ULONG cb, ULONG *written);
HRESULT stream_base_seek(struct stream_base *base, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *pos);
HRESULT stream_base_set_size(struct stream_base *base, ULARGE_INTEGER size);
HRESULT stream_base_copy_to(struct stream_base *base, IStream *dest, ULARGE_INTEGER cb, ULARGE_INTEGER *read,
                            ULARGE_INTEGER *written);
HRESULT stream_base_stat(struct stream_base *base, STATSTG *st, DWORD flags);
HRESULT stream_base_clone(struct stream_base *base, IStream **out);

/* A part stream read at an absolute offset: seek, then read until len or its end. */
HRESULT stream_part_read(IStream *part, ULONGLONG offset, BYTE *buf, ULONG len, ULONG *got);
/* A part stream's size, by Stat. */
HRESULT stream_part_size(IStream *part, ULONGLONG *size);

/* A lock shared by a stream and its clones when they read the same part streams (each read
 * seeks the part first, so clones move on their own). */
struct stream_shared_lock
{
    LONG ref;
    SRWLOCK lock;
};
struct stream_shared_lock *stream_shared_lock_new(void);
struct stream_shared_lock *stream_shared_lock_ref(struct stream_shared_lock *lock);
void stream_shared_lock_unref(struct stream_shared_lock *lock);

/* The IStream members of a helper stream whose struct Type has its struct stream_base at
 * `field`: prefix_Read ... prefix_Clone, each tracing and forwarding to the base. */
#define STREAM_BASE_METHODS(prefix, Iface, Type, field) \
    static HRESULT WINAPI prefix##_Read(Iface *iface, void *pv, ULONG cb, ULONG *pcbRead) \
    { TRACE("%p %p %lu %p\n", iface, pv, (unsigned long)cb, pcbRead); \
      return stream_base_read(&prefix##_impl(iface)->field, pv, cb, pcbRead); } \
    static HRESULT WINAPI prefix##_Write(Iface *iface, const void *pv, ULONG cb, ULONG *pcbWritten) \
    { TRACE("%p %p %lu %p\n", iface, pv, (unsigned long)cb, pcbWritten); \
      return stream_base_write(pv, cb, pcbWritten); } \
    static HRESULT WINAPI prefix##_Seek(Iface *iface, LARGE_INTEGER move, DWORD origin, ULARGE_INTEGER *pos) \
    { TRACE("%p %s %lu %p\n", iface, wine_dbgstr_longlong(move.QuadPart), (unsigned long)origin, pos); \
      return stream_base_seek(&prefix##_impl(iface)->field, move, origin, pos); } \
    static HRESULT WINAPI prefix##_SetSize(Iface *iface, ULARGE_INTEGER size) \
    { TRACE("%p %s\n", iface, wine_dbgstr_longlong(size.QuadPart)); \
      return stream_base_set_size(&prefix##_impl(iface)->field, size); } \
    static HRESULT WINAPI prefix##_CopyTo(Iface *iface, IStream *dest, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, \
                                          ULARGE_INTEGER *pcbWritten) \
    { TRACE("%p %p %s %p %p\n", iface, dest, wine_dbgstr_longlong(cb.QuadPart), pcbRead, pcbWritten); \
      return stream_base_copy_to(&prefix##_impl(iface)->field, dest, cb, pcbRead, pcbWritten); } \
    static HRESULT WINAPI prefix##_Commit(Iface *iface, DWORD flags) \
    { TRACE("%p %#lx\n", iface, (unsigned long)flags); \
      return S_OK; } \
    static HRESULT WINAPI prefix##_Revert(Iface *iface) \
    { TRACE("%p\n", iface); \
      return S_OK; } \
    static HRESULT WINAPI prefix##_LockRegion(Iface *iface, ULARGE_INTEGER offset, ULARGE_INTEGER cb, DWORD type) \
    { TRACE("%p %s %s %lu\n", iface, wine_dbgstr_longlong(offset.QuadPart), wine_dbgstr_longlong(cb.QuadPart), \
            (unsigned long)type); \
      return STG_E_INVALIDFUNCTION; } \
    static HRESULT WINAPI prefix##_UnlockRegion(Iface *iface, ULARGE_INTEGER offset, ULARGE_INTEGER cb, DWORD type) \
    { TRACE("%p %s %s %lu\n", iface, wine_dbgstr_longlong(offset.QuadPart), wine_dbgstr_longlong(cb.QuadPart), \
            (unsigned long)type); \
      return STG_E_INVALIDFUNCTION; } \
    static HRESULT WINAPI prefix##_Stat(Iface *iface, STATSTG *st, DWORD flags) \
    { TRACE("%p %p %#lx\n", iface, st, (unsigned long)flags); \
      return stream_base_stat(&prefix##_impl(iface)->field, st, flags); } \
    static HRESULT WINAPI prefix##_Clone(Iface *iface, IStream **out) \
    { TRACE("%p %p\n", iface, out); \
      return stream_base_clone(&prefix##_impl(iface)->field, out); }

#endif
