/* floor: what any Win32 program pays to walk a directory tree and read every file in it.
 *
 *   floor [-seq] [-skip-empty] [-threads N] [-buf KiB] [-basic] [-large-fetch] [-list-only]
 *         [-q] dir
 *
 * Lists dir recursively with FindFirstFileExW/FindNextFileW and opens and reads every
 * file completely (CreateFileW + ReadFile in 1 MiB chunks), then prints counts, bytes
 * and time. Under Wine every open and close is a wineserver round trip, so this is the
 * floor for an image builder that must do the same work (IMAPI2FS AddTree plus reading
 * the data while the image stream is produced). The options try to lower the floor:
 *   -seq          FILE_FLAG_SEQUENTIAL_SCAN on every open
 *   -skip-empty   do not open files whose listed size is 0
 *   -threads N    N reader threads take the opens and reads off the walking thread
 *                 (0, the default, reads inline while walking)
 *   -buf KiB      read chunk (default 1024)
 *   -basic        FindExInfoBasic (no 8.3 short names)
 *   -large-fetch  FIND_FIRST_EX_LARGE_FETCH
 *   -list-only    walk only, open nothing
 *   -copy-to FILE also write everything read into FILE (a Win32 "cat > FILE": the floor
 *                 for a program that reads a tree and writes one big file, e.g. an image)
 * Plain Win32 (kernel32 only); runs on Windows and under Wine. Exit code 0 on success,
 * 1 if any directory or file could not be listed, opened or read, 2 on bad usage. */

#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

struct options
{
    BOOL seq, skip_empty, basic, large_fetch, list_only, quiet;
    DWORD threads, buf;
    const WCHAR *dir;
    const WCHAR *copy_to;
};

static HANDLE copy_file = INVALID_HANDLE_VALUE;

struct counters
{
    LONG64 dirs, files, empty, listed_bytes;
    LONG64 opens, read_bytes, read_calls, errors;
    LONG64 written_bytes;
};

static struct options opt;
static struct counters total;

/* ---------------------------------------------------------------------------------------------
 * Output (UTF-8 when not on a console). */

static void vout(DWORD std, const WCHAR *fmt, va_list ap)
{
    WCHAR buf[1024];
    HANDLE h = GetStdHandle(std);
    DWORD mode, done;
    int n = _vsnwprintf(buf, ARRAYSIZE(buf) - 1, fmt, ap);

    if (n < 0) n = ARRAYSIZE(buf) - 1;
    buf[n] = 0;
    if (GetConsoleMode(h, &mode))
        WriteConsoleW(h, buf, n, &done, NULL);
    else
    {
        char utf8[sizeof(buf) * 3];
        int len = WideCharToMultiByte(CP_UTF8, 0, buf, n, utf8, sizeof(utf8), NULL, NULL);
        if (len > 0) WriteFile(h, utf8, len, &done, NULL);
    }
}

static void out(const WCHAR *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(STD_OUTPUT_HANDLE, fmt, ap);
    va_end(ap);
}

static void err(const WCHAR *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(STD_ERROR_HANDLE, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------------------------------------
 * Reading one file. */

static void read_file(const WCHAR *path, BYTE *buf, struct counters *c)
{
    DWORD flags = FILE_ATTRIBUTE_NORMAL | (opt.seq ? FILE_FLAG_SEQUENTIAL_SCAN : 0);
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                           flags, NULL);
    DWORD got;

    if (h == INVALID_HANDLE_VALUE)
    {
        c->errors++;
        if (!opt.quiet) err(L"floor: cannot open %ls (error %lu)\n", path, GetLastError());
        return;
    }
    c->opens++;
    for (;;)
    {
        if (!ReadFile(h, buf, opt.buf, &got, NULL))
        {
            c->errors++;
            if (!opt.quiet) err(L"floor: cannot read %ls (error %lu)\n", path, GetLastError());
            break;
        }
        c->read_calls++;
        if (!got) break;
        c->read_bytes += got;
        if (copy_file != INVALID_HANDLE_VALUE)
        {
            DWORD done, off = 0;
            while (off < got)
            {
                if (!WriteFile(copy_file, buf + off, got - off, &done, NULL) || !done)
                {
                    c->errors++;
                    if (!opt.quiet) err(L"floor: cannot write %ls (error %lu)\n", opt.copy_to, GetLastError());
                    break;
                }
                off += done;
            }
            c->written_bytes += off;
        }
    }
    CloseHandle(h);
}

/* ---------------------------------------------------------------------------------------------
 * Reader threads: the walker hands over full paths through a bounded ring. */

#define QUEUE_SIZE 8192

static struct
{
    SRWLOCK lock;
    CONDITION_VARIABLE not_empty, not_full;
    WCHAR *items[QUEUE_SIZE];
    unsigned head, count;
    BOOL done;
} queue;   /* all-zero is SRWLOCK_INIT / CONDITION_VARIABLE_INIT */

static void queue_push(WCHAR *path)
{
    AcquireSRWLockExclusive(&queue.lock);
    while (queue.count == QUEUE_SIZE)
        SleepConditionVariableSRW(&queue.not_full, &queue.lock, INFINITE, 0);
    queue.items[(queue.head + queue.count) % QUEUE_SIZE] = path;
    queue.count++;
    ReleaseSRWLockExclusive(&queue.lock);
    WakeConditionVariable(&queue.not_empty);
}

static WCHAR *queue_pop(void)
{
    WCHAR *path = NULL;
    AcquireSRWLockExclusive(&queue.lock);
    while (!queue.count && !queue.done)
        SleepConditionVariableSRW(&queue.not_empty, &queue.lock, INFINITE, 0);
    if (queue.count)
    {
        path = queue.items[queue.head];
        queue.head = (queue.head + 1) % QUEUE_SIZE;
        queue.count--;
    }
    ReleaseSRWLockExclusive(&queue.lock);
    if (path) WakeConditionVariable(&queue.not_full);
    return path;
}

static void queue_finish(void)
{
    AcquireSRWLockExclusive(&queue.lock);
    queue.done = TRUE;
    ReleaseSRWLockExclusive(&queue.lock);
    WakeAllConditionVariable(&queue.not_empty);
}

struct reader
{
    HANDLE thread;
    struct counters c;
};

static DWORD WINAPI reader_main(void *arg)
{
    struct reader *r = arg;
    BYTE *buf = VirtualAlloc(NULL, opt.buf, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    WCHAR *path;

    while ((path = queue_pop()))
    {
        if (buf) read_file(path, buf, &r->c);
        else r->c.errors++;
        free(path);
    }
    if (buf) VirtualFree(buf, 0, MEM_RELEASE);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The walk: an explicit stack of directories, full paths built in one buffer per entry. */

struct dirstack
{
    WCHAR **items;
    size_t count, size;
};

static BOOL push_dir(struct dirstack *s, const WCHAR *path)
{
    if (s->count == s->size)
    {
        size_t n = s->size ? s->size * 2 : 256;
        WCHAR **p = realloc(s->items, n * sizeof(*p));
        if (!p) return FALSE;
        s->items = p;
        s->size = n;
    }
    if (!(s->items[s->count] = _wcsdup(path))) return FALSE;
    s->count++;
    return TRUE;
}

static void walk_dir(const WCHAR *dir, struct dirstack *stack, BYTE *buf, struct counters *c)
{
    size_t len = wcslen(dir);
    WCHAR *path = malloc((len + MAX_PATH + 4) * sizeof(WCHAR));
    WIN32_FIND_DATAW fd;
    HANDLE find;

    if (!path)
    {
        c->errors++;
        return;
    }
    memcpy(path, dir, len * sizeof(WCHAR));
    if (len && path[len - 1] != '\\') path[len++] = '\\';
    path[len] = '*';
    path[len + 1] = 0;
    find = FindFirstFileExW(path, opt.basic ? FindExInfoBasic : FindExInfoStandard, &fd,
                            FindExSearchNameMatch, NULL, opt.large_fetch ? FIND_FIRST_EX_LARGE_FETCH : 0);
    if (find == INVALID_HANDLE_VALUE)
    {
        c->errors++;
        if (!opt.quiet) err(L"floor: cannot list %ls (error %lu)\n", dir, GetLastError());
        free(path);
        return;
    }
    do
    {
        if (fd.cFileName[0] == '.' && (!fd.cFileName[1] || (fd.cFileName[1] == '.' && !fd.cFileName[2])))
            continue;
        wcscpy(path + len, fd.cFileName);
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
        {
            c->dirs++;
            if (!push_dir(stack, path)) c->errors++;
            continue;
        }
        c->files++;
        c->listed_bytes += ((LONG64)fd.nFileSizeHigh << 32) | fd.nFileSizeLow;
        if (!fd.nFileSizeHigh && !fd.nFileSizeLow)
        {
            c->empty++;
            if (opt.skip_empty) continue;
        }
        if (opt.list_only) continue;
        if (opt.threads)
        {
            WCHAR *copy = _wcsdup(path);
            if (copy) queue_push(copy);
            else c->errors++;
        }
        else
            read_file(path, buf, c);
    } while (FindNextFileW(find, &fd));
    if (GetLastError() != ERROR_NO_MORE_FILES) c->errors++;
    FindClose(find);
    free(path);
}

static void add(struct counters *to, const struct counters *from)
{
    to->dirs += from->dirs;
    to->files += from->files;
    to->empty += from->empty;
    to->listed_bytes += from->listed_bytes;
    to->opens += from->opens;
    to->read_bytes += from->read_bytes;
    to->read_calls += from->read_calls;
    to->errors += from->errors;
    to->written_bytes += from->written_bytes;
}

/* ---------------------------------------------------------------------------------------------
 * Command line and report. */

static void usage(void)
{
    out(L"Usage: floor [options] dir\n"
        L"Lists dir recursively (FindFirstFileExW/FindNextFileW) and reads every file completely\n"
        L"(CreateFileW + ReadFile), then prints counts, bytes and time.\n"
        L"\n"
        L"  -seq          open with FILE_FLAG_SEQUENTIAL_SCAN\n"
        L"  -skip-empty   do not open files whose listed size is 0\n"
        L"  -threads N    N reader threads overlap opens and reads with the walk (default 0:\n"
        L"                read inline while walking)\n"
        L"  -buf KiB      ReadFile chunk in KiB (default 1024)\n"
        L"  -basic        FindExInfoBasic (no short names)\n"
        L"  -large-fetch  FIND_FIRST_EX_LARGE_FETCH\n"
        L"  -list-only    walk the tree, open nothing\n"
        L"  -copy-to FILE also write all data read into FILE, like cat > FILE (not with -threads)\n"
        L"  -q            no per-file error messages\n"
        L"  -h, --help    this text\n");
}

static int parse_args(int argc, WCHAR **argv)
{
    int i;
    opt.buf = 1024 * 1024;
    for (i = 1; i < argc; i++)
    {
        const WCHAR *a = argv[i];
        if (!wcscmp(a, L"-h") || !wcscmp(a, L"--help") || !wcscmp(a, L"/?")) { usage(); return 0; }
        else if (!wcscmp(a, L"-seq")) opt.seq = TRUE;
        else if (!wcscmp(a, L"-skip-empty")) opt.skip_empty = TRUE;
        else if (!wcscmp(a, L"-basic")) opt.basic = TRUE;
        else if (!wcscmp(a, L"-large-fetch")) opt.large_fetch = TRUE;
        else if (!wcscmp(a, L"-list-only")) opt.list_only = TRUE;
        else if (!wcscmp(a, L"-q")) opt.quiet = TRUE;
        else if (!wcscmp(a, L"-copy-to"))
        {
            if (i + 1 >= argc) { err(L"floor: missing argument after %ls\n", a); return 2; }
            opt.copy_to = argv[++i];
        }
        else if (!wcscmp(a, L"-threads") || !wcscmp(a, L"-buf"))
        {
            WCHAR *end;
            long v;
            if (i + 1 >= argc) { err(L"floor: missing argument after %ls\n", a); return 2; }
            v = wcstol(argv[++i], &end, 10);
            if (*end || v < 0 || v > (a[1] == 't' ? 64 : 262144) || (a[1] == 'b' && !v))
            {
                err(L"floor: bad value for %ls: %ls\n", a, argv[i]);
                return 2;
            }
            if (a[1] == 't') opt.threads = v;
            else opt.buf = v * 1024;
        }
        else if (a[0] == '-' && a[1]) { err(L"floor: unknown option %ls (try --help)\n", a); return 2; }
        else if (opt.dir) { err(L"floor: more than one directory given\n"); return 2; }
        else opt.dir = a;
    }
    if (!opt.dir) { err(L"floor: no directory given (try --help)\n"); return 2; }
    if (opt.copy_to && (opt.threads || opt.list_only))
    {
        err(L"floor: -copy-to goes with neither -threads nor -list-only\n");
        return 2;
    }
    return -1;
}

int wmain(int argc, WCHAR **argv)
{
    struct dirstack stack = { NULL, 0, 0 };
    struct reader *readers = NULL;
    struct counters walker;
    LARGE_INTEGER freq, t0, t1, t2;
    WCHAR root[MAX_PATH * 2];
    BYTE *buf = NULL;
    double walk_s, total_s;
    DWORD i, n;
    int rc;

    if ((rc = parse_args(argc, argv)) >= 0) return rc;
    n = GetFullPathNameW(opt.dir, ARRAYSIZE(root), root, NULL);
    if (!n || n >= ARRAYSIZE(root)) { err(L"floor: bad path %ls\n", opt.dir); return 2; }
    while (n > 3 && root[n - 1] == '\\') root[--n] = 0;
    n = GetFileAttributesW(root);
    if (n == INVALID_FILE_ATTRIBUTES || !(n & FILE_ATTRIBUTE_DIRECTORY))
    {
        err(L"floor: %ls is not a directory\n", root);
        return 2;
    }

    memset(&walker, 0, sizeof(walker));
    if (!opt.threads && !(buf = VirtualAlloc(NULL, opt.buf, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE)))
    {
        err(L"floor: out of memory\n");
        return 1;
    }
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    if (opt.copy_to)
    {
        copy_file = CreateFileW(opt.copy_to, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                                FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
        if (copy_file == INVALID_HANDLE_VALUE)
        {
            err(L"floor: cannot create %ls (error %lu)\n", opt.copy_to, GetLastError());
            return 1;
        }
    }
    if (opt.threads)
    {
        readers = calloc(opt.threads, sizeof(*readers));
        for (i = 0; readers && i < opt.threads; i++)
            readers[i].thread = CreateThread(NULL, 0, reader_main, &readers[i], 0, NULL);
        if (!readers) { err(L"floor: out of memory\n"); return 1; }
    }

    if (!push_dir(&stack, root)) { err(L"floor: out of memory\n"); return 1; }
    while (stack.count)
    {
        WCHAR *dir = stack.items[--stack.count];
        walk_dir(dir, &stack, buf, &walker);
        free(dir);
    }
    QueryPerformanceCounter(&t1);
    if (opt.threads)
    {
        queue_finish();
        for (i = 0; i < opt.threads; i++)
        {
            if (readers[i].thread)
            {
                WaitForSingleObject(readers[i].thread, INFINITE);
                CloseHandle(readers[i].thread);
            }
            else
                walker.errors++;
            add(&walker, &readers[i].c);
        }
        free(readers);
    }
    if (copy_file != INVALID_HANDLE_VALUE && !CloseHandle(copy_file)) walker.errors++;
    QueryPerformanceCounter(&t2);
    add(&total, &walker);
    free(stack.items);
    if (buf) VirtualFree(buf, 0, MEM_RELEASE);

    walk_s = (double)(t1.QuadPart - t0.QuadPart) / (double)freq.QuadPart;
    total_s = (double)(t2.QuadPart - t0.QuadPart) / (double)freq.QuadPart;
    out(L"floor: %I64d directories, %I64d files (%I64d empty), %I64d bytes listed\n", total.dirs, total.files,
        total.empty, total.listed_bytes);
    out(L"floor: %I64d opens, %I64d ReadFile calls, %I64d bytes read, %I64d errors\n", total.opens,
        total.read_calls, total.read_bytes, total.errors);
    if (opt.copy_to) out(L"floor: %I64d bytes written to %ls\n", total.written_bytes, opt.copy_to);
    out(L"floor: options seq=%d skip-empty=%d threads=%lu buf=%luKiB basic=%d large-fetch=%d list-only=%d\n",
        opt.seq, opt.skip_empty, opt.threads, opt.buf / 1024, opt.basic, opt.large_fetch, opt.list_only);
    out(L"floor: time %.3f s (walk %.3f s), %.0f files/s, %.1f MiB/s\n", total_s, walk_s,
        total_s > 0 ? (double)total.files / total_s : 0.0,
        total_s > 0 ? (double)total.read_bytes / (1024.0 * 1024.0) / total_s : 0.0);
    return total.errors ? 1 : 0;
}
