/* Win32 implementation of the file and lock seam. Paths arrive as UTF-8 and are
 * converted to UTF-16 for the W APIs. Under Wine, LockFileEx becomes an fcntl lock on
 * the Unix file, so a Windows process here and a native one exclude each other. */
#ifdef _WIN32
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0600  /* SetFileInformationByHandle, GetTickCount64 */
#endif
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winioctl.h>
#include <winternl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core_file.h"

struct core_file
{
    HANDLE h;
    /* write-behind (core_file_sync_behind); an SRW lock and a condition variable, which
     * wait on futexes under Wine, not wineserver objects */
    int behind;              /* 0 no thread yet, 1 running, -1 could not start one */
    int pending, quit;
    DWORD failed;            /* error of a background flush, until reported */
    HANDLE thread;
    SRWLOCK lock;
    CONDITION_VARIABLE wake;
};

static int from_win32(DWORD e)
{
    switch (e)
    {
    case ERROR_FILE_NOT_FOUND: case ERROR_PATH_NOT_FOUND: return CORE_FILE_ENOENT;
    case ERROR_NOT_ENOUGH_MEMORY: case ERROR_OUTOFMEMORY: return CORE_FILE_ENOMEM;
    case ERROR_ACCESS_DENIED: case ERROR_WRITE_PROTECT: return CORE_FILE_EACCES;
    case ERROR_FILE_EXISTS: case ERROR_ALREADY_EXISTS: return CORE_FILE_EEXIST;
    case ERROR_INVALID_PARAMETER: return CORE_FILE_EINVAL;
    case ERROR_LOCK_VIOLATION: case ERROR_SHARING_VIOLATION: case ERROR_IO_PENDING:
        return CORE_FILE_EBUSY;
    default: return CORE_FILE_EIO;
    }
}

/* Under Wine, a path starting with '/' is a Unix path (say, a recorder directory set in
 * IMAPI_VDRIVE_DIRS by Linux tooling); Wine's "\\?\unix" prefix reaches it. On Windows
 * such a path keeps its usual meaning. */
static int running_on_wine(void)
{
    static int known = -1;
    if (known < 0)
    {
        HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
        known = ntdll && GetProcAddress(ntdll, "wine_get_version") != NULL;
    }
    return known;
}

static WCHAR *to_wide(const char *utf8)
{
    static const WCHAR unix_prefix[] = L"\\\\?\\unix";
    size_t prefix = utf8[0] == '/' && running_on_wine() ? sizeof(unix_prefix) / sizeof(WCHAR) - 1 : 0;
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    WCHAR *w;
    if (n <= 0 || !(w = malloc((prefix + (size_t)n) * sizeof(WCHAR)))) return NULL;
    memcpy(w, unix_prefix, prefix * sizeof(WCHAR));
    MultiByteToWideChar(CP_UTF8, 0, utf8, -1, w + prefix, n);
    return w;
}

int core_file_open(const char *path, unsigned flags, core_file **out)
{
    DWORD access = 0, disposition;
    WCHAR *wpath = to_wide(path);
    core_file *f;
    HANDLE h;

    if (!wpath) return CORE_FILE_ENOMEM;
    if (flags & CORE_FILE_READ) access |= GENERIC_READ;
    if (flags & CORE_FILE_WRITE) access |= GENERIC_WRITE;
    if ((flags & CORE_FILE_CREATE) && (flags & CORE_FILE_EXCL)) disposition = CREATE_NEW;
    else if ((flags & CORE_FILE_CREATE) && (flags & CORE_FILE_TRUNCATE)) disposition = CREATE_ALWAYS;
    else if (flags & CORE_FILE_CREATE) disposition = OPEN_ALWAYS;
    else if (flags & CORE_FILE_TRUNCATE) disposition = TRUNCATE_EXISTING;
    else disposition = OPEN_EXISTING;
    /* Share everything: other processes must open, lock and rename beside us. */
    h = CreateFileW(wpath, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                    NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
    free(wpath);
    if (h == INVALID_HANDLE_VALUE) return from_win32(GetLastError());
    if (!(f = calloc(1, sizeof(*f)))) { CloseHandle(h); return CORE_FILE_ENOMEM; }
    InitializeSRWLock(&f->lock);
    InitializeConditionVariable(&f->wake);
    f->h = h;
    *out = f;
    return 0;
}

static void stop_behind(core_file *f);

void core_file_close(core_file *f)
{
    if (!f) return;
    stop_behind(f);
    CloseHandle(f->h);
    free(f);
}

static OVERLAPPED at_offset(uint64_t offset)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Offset = (DWORD)(offset & 0xFFFFFFFFu);
    ov.OffsetHigh = (DWORD)(offset >> 32);
    return ov;
}

/* Positioned reads and writes go to NtReadFile/NtWriteFile with the offset and no
 * completion context. ReadFile/WriteFile with an OVERLAPPED for the offset hand that
 * OVERLAPPED over as a completion value, and Wine then asks wineserver to post a
 * completion for every call (add_fd_completion): a server round trip per WRITE of a
 * burn, measured at about one per MiB. Without the context the call stays in the
 * process. Both functions are in every ntdll since NT 3.1. */
typedef LONG (WINAPI *nt_io_fn)(HANDLE, HANDLE, void *, void *, IO_STATUS_BLOCK *, void *, ULONG,
                                LARGE_INTEGER *, ULONG *);
typedef ULONG (WINAPI *nt_status_fn)(LONG);
#define NT_END_OF_FILE ((LONG)0xC0000011)

static struct { nt_io_fn read, write; nt_status_fn to_dos; int known; } nt;

static int nt_io_ready(void)
{
    if (!nt.known)
    {
        HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
        if (ntdll)
        {
            nt.read = (nt_io_fn)(void *)GetProcAddress(ntdll, "NtReadFile");
            nt.write = (nt_io_fn)(void *)GetProcAddress(ntdll, "NtWriteFile");
            nt.to_dos = (nt_status_fn)(void *)GetProcAddress(ntdll, "RtlNtStatusToDosError");
        }
        nt.known = 1;
    }
    return nt.read && nt.write && nt.to_dos;
}

/* One positioned transfer of at most 1 GiB: 0 and *n bytes moved, *n = 0 at the end
 * of the file, else a CORE_FILE_* error. */
static int transfer(core_file *f, int writing, void *buf, DWORD len, uint64_t offset, DWORD *n)
{
    *n = 0;
    if (nt_io_ready())
    {
        IO_STATUS_BLOCK io;
        LARGE_INTEGER at;
        LONG status;
        at.QuadPart = (LONGLONG)offset;
        memset(&io, 0, sizeof(io));
        status = (writing ? nt.write : nt.read)(f->h, NULL, NULL, NULL, &io, buf, len, &at, NULL);
        if (status == NT_END_OF_FILE && !writing) return 0;
        if (status < 0) return from_win32(nt.to_dos(status));
        *n = (DWORD)io.Information;
        return 0;
    }
    else
    {
        OVERLAPPED ov = at_offset(offset);
        BOOL ok = writing ? WriteFile(f->h, buf, len, n, &ov) : ReadFile(f->h, buf, len, n, &ov);
        if (ok) return 0;
        if (!writing && GetLastError() == ERROR_HANDLE_EOF) return 0;
        return from_win32(GetLastError());
    }
}

int core_file_pread(core_file *f, void *buf, size_t len, uint64_t offset, size_t *done)
{
    size_t got = 0;
    while (got < len)
    {
        DWORD chunk = len - got > 0x40000000u ? 0x40000000u : (DWORD)(len - got), n = 0;
        int hr = transfer(f, 0, (char *)buf + got, chunk, offset + got, &n);
        if (hr) return hr;
        if (!n) break;
        got += n;
    }
    *done = got;
    return 0;
}

int core_file_pwrite(core_file *f, const void *buf, size_t len, uint64_t offset)
{
    size_t put = 0;
    while (put < len)
    {
        DWORD chunk = len - put > 0x40000000u ? 0x40000000u : (DWORD)(len - put), n = 0;
        int hr = transfer(f, 1, (char *)buf + put, chunk, offset + put, &n);
        if (hr) return hr;
        if (!n) return CORE_FILE_EIO;   /* a write that moves nothing would loop forever */
        put += n;
    }
    return 0;
}

int core_file_size(core_file *f, uint64_t *size)
{
    LARGE_INTEGER li;
    if (!GetFileSizeEx(f->h, &li)) return from_win32(GetLastError());
    *size = (uint64_t)li.QuadPart;
    return 0;
}

int core_file_set_size(core_file *f, uint64_t size)
{
    FILE_END_OF_FILE_INFO eof;
    DWORD ret;
    /* Mark sparse first so growing does not allocate (best effort: FAT has no holes). */
    DeviceIoControl(f->h, FSCTL_SET_SPARSE, NULL, 0, NULL, 0, &ret, NULL);
    eof.EndOfFile.QuadPart = (LONGLONG)size;
    if (!SetFileInformationByHandle(f->h, FileEndOfFileInfo, &eof, sizeof(eof)))
        return from_win32(GetLastError());
    return 0;
}

int core_file_sync(core_file *f)
{
    DWORD failed = 0;
    if (f->behind > 0)
    {
        AcquireSRWLockExclusive(&f->lock);
        failed = f->failed;
        f->failed = 0;
        ReleaseSRWLockExclusive(&f->lock);
    }
    if (!FlushFileBuffers(f->h)) return from_win32(GetLastError());
    /* under Wine a flush is an fsync, and Linux reports a writeback error to one fsync of
     * the open file: if the helper's got it, this one must still answer it */
    return failed ? from_win32(failed) : 0;
}

static DWORD WINAPI behind_thread(void *arg)
{
    core_file *f = arg;
    AcquireSRWLockExclusive(&f->lock);
    for (;;)
    {
        DWORD e;
        while (!f->pending && !f->quit) SleepConditionVariableSRW(&f->wake, &f->lock, INFINITE, 0);
        if (f->quit) break;
        f->pending = 0;
        ReleaseSRWLockExclusive(&f->lock);
        e = FlushFileBuffers(f->h) ? 0 : GetLastError();
        AcquireSRWLockExclusive(&f->lock);
        if (e && !f->failed) f->failed = e;
    }
    ReleaseSRWLockExclusive(&f->lock);
    return 0;
}

void core_file_sync_behind(core_file *f)
{
    if (!f->behind)
    {
        f->behind = -1;                  /* not again if this fails: it is only a head start */
        if ((f->thread = CreateThread(NULL, 0, behind_thread, f, 0, NULL))) f->behind = 1;
    }
    if (f->behind < 0) return;
    AcquireSRWLockExclusive(&f->lock);
    f->pending = 1;
    WakeConditionVariable(&f->wake);
    ReleaseSRWLockExclusive(&f->lock);
}

static void stop_behind(core_file *f)
{
    if (f->behind <= 0) return;
    AcquireSRWLockExclusive(&f->lock);
    f->quit = 1;
    WakeConditionVariable(&f->wake);
    ReleaseSRWLockExclusive(&f->lock);
    WaitForSingleObject(f->thread, INFINITE);
    CloseHandle(f->thread);
    f->behind = 0;
}

int core_file_lock(core_file *f, uint64_t offset, uint64_t len, unsigned mode, unsigned timeout_ms)
{
    DWORD flags = (mode == CORE_LOCK_EXCLUSIVE ? LOCKFILE_EXCLUSIVE_LOCK : 0);
    uint64_t deadline = core_time_ms() + (timeout_ms == CORE_LOCK_FOREVER ? 0 : timeout_ms);
    unsigned pause = 1;

    if (timeout_ms != CORE_LOCK_FOREVER) flags |= LOCKFILE_FAIL_IMMEDIATELY;
    for (;;)
    {
        OVERLAPPED ov = at_offset(offset);
        DWORD e;
        if (LockFileEx(f->h, flags, 0, (DWORD)(len & 0xFFFFFFFFu), (DWORD)(len >> 32), &ov)) return 0;
        e = GetLastError();
        if (e != ERROR_LOCK_VIOLATION && e != ERROR_IO_PENDING) return from_win32(e);
        if (core_time_ms() >= deadline) return CORE_FILE_EBUSY;
        core_sleep_ms(pause);
        if (pause < 20) pause *= 2;
    }
}

int core_file_unlock(core_file *f, uint64_t offset, uint64_t len)
{
    OVERLAPPED ov = at_offset(offset);
    if (!UnlockFileEx(f->h, 0, (DWORD)(len & 0xFFFFFFFFu), (DWORD)(len >> 32), &ov))
        return from_win32(GetLastError());
    return 0;
}

int core_file_lock_held_elsewhere(core_file *f, uint64_t offset, uint64_t len)
{
    (void)f; (void)offset; (void)len;
    return -1; /* Win32 has no lock query; callers assume another holder */
}

int core_file_read_all(const char *path, char **data, size_t *len)
{
    core_file *f;
    uint64_t size;
    size_t done;
    char *buf;
    int hr;

    if ((hr = core_file_open(path, CORE_FILE_READ, &f))) return hr;
    if ((hr = core_file_size(f, &size))) { core_file_close(f); return hr; }
    if (size > (64u << 20)) { core_file_close(f); return CORE_FILE_EINVAL; }
    if (!(buf = malloc((size_t)size + 1))) { core_file_close(f); return CORE_FILE_ENOMEM; }
    hr = core_file_pread(f, buf, (size_t)size, 0, &done);
    core_file_close(f);
    if (hr) { free(buf); return hr; }
    buf[done] = 0;
    *data = buf;
    if (len) *len = done;
    return 0;
}

int core_file_replace(const char *path, const void *data, size_t len, int durable)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    WCHAR *wtmp = NULL, *wpath = NULL;
    core_file *f;
    int hr, tries;

    if (!tmp) return CORE_FILE_ENOMEM;
    snprintf(tmp, n, "%s.tmp%lu", path, (unsigned long)GetCurrentProcessId());
    if ((hr = core_file_open(tmp, CORE_FILE_WRITE | CORE_FILE_CREATE | CORE_FILE_TRUNCATE, &f)))
    { free(tmp); return hr; }
    hr = core_file_pwrite(f, data, len, 0);
    if (!hr && durable) hr = core_file_sync(f);
    core_file_close(f);
    wtmp = to_wide(tmp);
    wpath = to_wide(path);
    if (!hr && (!wtmp || !wpath)) hr = CORE_FILE_ENOMEM;
    /* A reader holding the old file open briefly can make the rename fail; retry. */
    for (tries = 0; !hr && tries < 50; tries++)
    {
        if (MoveFileExW(wtmp, wpath, MOVEFILE_REPLACE_EXISTING | (durable ? MOVEFILE_WRITE_THROUGH : 0)))
            break;
        if (tries == 49) hr = from_win32(GetLastError());
        else core_sleep_ms(2);
    }
    if (hr && wtmp) DeleteFileW(wtmp);
    free(wtmp);
    free(wpath);
    free(tmp);
    return hr;
}

int core_file_remove(const char *path)
{
    WCHAR *w = to_wide(path);
    int hr = 0;
    if (!w) return CORE_FILE_ENOMEM;
    if (!DeleteFileW(w)) hr = from_win32(GetLastError());
    free(w);
    return hr;
}

int core_file_mkdir(const char *path)
{
    WCHAR *w = to_wide(path);
    int hr = 0;
    if (!w) return CORE_FILE_ENOMEM;
    if (!CreateDirectoryW(w, NULL))
    {
        DWORD e = GetLastError(), attr = GetFileAttributesW(w);
        if (!(e == ERROR_ALREADY_EXISTS && attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)))
            hr = from_win32(e);
    }
    free(w);
    return hr;
}

int core_file_exists(const char *path)
{
    WCHAR *w = to_wide(path);
    DWORD attr;
    if (!w) return 0;
    attr = GetFileAttributesW(w);
    free(w);
    return attr != INVALID_FILE_ATTRIBUTES;
}

uint64_t core_time_ms(void)
{
    return (uint64_t)GetTickCount64();
}

void core_sleep_ms(unsigned ms)
{
    Sleep(ms);
}
#endif
