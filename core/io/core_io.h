/* The small I/O seam of the portable core: everything in core/ that reads or writes
 * bytes goes through these callbacks, so core never calls POSIX or Win32 itself.
 * The DLLs wrap IStream / HANDLEs in it; native tests wrap stdio or memory. */
#ifndef IMAPI_CORE_IO_H
#define IMAPI_CORE_IO_H

#include <stddef.h>
#include <stdint.h>

typedef struct core_stream core_stream;

typedef struct core_stream_ops
{
    /* Read up to len bytes at the current position; *done gets the count (0 at end).
     * Returns 0 on success, a negative errno-like value or HRESULT on failure. */
    int (*read)(core_stream *s, void *buf, size_t len, size_t *done);
    /* Write len bytes at the current position; NULL for read-only streams. */
    int (*write)(core_stream *s, const void *buf, size_t len, size_t *done);
    /* Move to an absolute byte offset. */
    int (*seek)(core_stream *s, uint64_t offset);
    /* Total size in bytes, or a negative value if unknown. */
    int (*size)(core_stream *s, uint64_t *size);
    /* Release the stream (may be NULL). */
    void (*close)(core_stream *s);
    /* Optional (NULL when not offered): a read-only view of len bytes at an absolute
     * offset, straight from where the bytes live (a file mapping), so a copy need not go
     * through a buffer of its own. 0 and *ptr, or nonzero when no view can be given
     * (the caller reads instead). One view at a time; it stays valid until unview or
     * close. The stream position is unspecified afterwards: seek before reading. */
    int (*view)(core_stream *s, uint64_t offset, size_t len, const void **ptr);
    void (*unview)(core_stream *s);
} core_stream_ops;

struct core_stream
{
    const core_stream_ops *ops;
    void *ctx;
};

/* Memory-backed stream over a caller-owned buffer (tests, small metadata). */
typedef struct core_mem_stream
{
    core_stream base;
    uint8_t *data;
    size_t len;
    size_t pos;
} core_mem_stream;

void core_mem_stream_init(core_mem_stream *m, void *data, size_t len);

/* Read exactly len bytes or fail with CORE_IO_SHORT. */
#define CORE_IO_SHORT (-61)
int core_read_full(core_stream *s, void *buf, size_t len);

#endif
