/*
 * A small Wine-style conformance test harness for the IMAPI2 tests.
 *
 * Written for this project (it is not Wine's wine/test.h), but it follows the
 * same conventions so that tests read like Wine's and their output can be read
 * by the same eyes and scripts:
 *
 *   ok(cond, fmt, ...)      a check; a false cond is a failure
 *   todo_if(cond) { ... }   when cond is true, checks inside are expected to
 *                           fail: a failing check counts as "todo", a passing
 *                           one is a failure ("Test succeeded inside todo block")
 *   todo_wine { ... }       todo_if(running under Wine)
 *   skip(fmt, ...)          a check that could not be made; counted as skipped,
 *                           never as passed
 *   win_skip(fmt, ...)      a skip on Windows, a failure under Wine (for
 *                           features that only old Windows versions lack)
 *   broken(cond)            cond on Windows, 0 under Wine: accepts odd results
 *                           of real Windows without accepting them from us
 *   trace(fmt, ...)         a message with the place it came from
 *   START_TEST(name) { }    the test program's body (the exe's entry point)
 *   ok_(file, line)(...)    etc.: the same, reporting another place (helpers)
 *   winetest_push_context(fmt, ...) / winetest_pop_context()
 *                           a prefix for the messages of the checks in a loop
 *   winetest_get_mainargs(&argv)   argc/argv, to start the test again as a
 *                           child process (argv[0] is the exe)
 *   wait_child_process(h)   waits for such a child (30 s at most), checks that
 *                           it exited 0 and returns its exit code
 *   wine_dbgstr_w(s), wine_dbgstr_a(s), wine_dbgstr_an(s, n),
 *   wine_dbgstr_guid(g)     printable, quoted forms for messages (from a ring
 *                           of buffers: valid for the next few calls)
 *
 * At exit the program prints one line
 *   <pid>:<name>: <N> tests executed (<T> marked as todo, <F> failures), <S> skipped.
 * and its exit code is the number of failures (at most 255).
 *
 * Environment: WINETEST_DEBUG=2 also prints every passing check;
 * WINETEST_REPORT_SUCCESS=1 does the same.
 *
 * An exe built from several .c files: the file with START_TEST includes this
 * header as it is; every other file does `#define WINETEST_SECONDARY` first, so
 * that the harness state exists once.
 *
 * Messages are written to stdout and flushed at once, so that a crash loses
 * nothing that was already reported.
 */
#ifndef IMAPI_WINETEST_TEST_H
#define IMAPI_WINETEST_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#ifdef __GNUC__
#define WINETEST_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define WINETEST_PRINTF(a, b)
#endif

typedef void (*winetest_ok_fn)(int condition, const char *fmt, ...);
typedef void (*winetest_msg_fn)(const char *fmt, ...);

/* ---- interface shared by all files of one test exe ---- */
extern const char *winetest_name;
extern int winetest_debug;
int winetest_on_wine(void);
void winetest_set_location(const char *file, int line);
void winetest_ok(int condition, const char *fmt, ...) WINETEST_PRINTF(2, 3);
void winetest_skip(const char *fmt, ...) WINETEST_PRINTF(1, 2);
void winetest_win_skip(const char *fmt, ...) WINETEST_PRINTF(1, 2);
void winetest_trace(const char *fmt, ...) WINETEST_PRINTF(1, 2);
void winetest_vok(int condition, const char *fmt, va_list args);
void winetest_start_todo(int is_todo);
int winetest_loop_todo(void);
void winetest_end_todo(void);
void winetest_push_context(const char *fmt, ...) WINETEST_PRINTF(1, 2);
void winetest_pop_context(void);
int winetest_get_mainargs(char ***argv);
DWORD winetest_wait_child_process(const char *file, int line, HANDLE process);
const char *winetest_dbgstr_w(const WCHAR *s);
const char *winetest_dbgstr_an(const char *s, int len);
const char *winetest_dbgstr_guid(const GUID *guid);
int winetest_run(const char *name, void (*body)(void), int argc, char **argv);

#define ok_(file, line)       (winetest_set_location((file), (line)), winetest_ok)
#define skip_(file, line)     (winetest_set_location((file), (line)), winetest_skip)
#define win_skip_(file, line) (winetest_set_location((file), (line)), winetest_win_skip)
#define trace_(file, line)    (winetest_set_location((file), (line)), winetest_trace)

#define ok       ok_(__FILE__, __LINE__)
#define skip     skip_(__FILE__, __LINE__)
#define win_skip win_skip_(__FILE__, __LINE__)
#define trace    trace_(__FILE__, __LINE__)

#define wait_child_process(process) winetest_wait_child_process(__FILE__, __LINE__, (process))
#ifndef __WINE_WINE_DEBUG_H
#define wine_dbgstr_w(s)       winetest_dbgstr_w(s)
#define wine_dbgstr_a(s)       winetest_dbgstr_an((s), -1)
#define wine_dbgstr_an(s, n)   winetest_dbgstr_an((s), (n))
#define wine_dbgstr_guid(g)    winetest_dbgstr_guid(g)
#endif

#define broken(cond) (!winetest_on_wine() && (cond))

/* A for-loop that runs its body once, with the todo state pushed around it. */
#define todo_if(is_todo) \
    for (winetest_start_todo(!!(is_todo)); winetest_loop_todo(); winetest_end_todo())
#define todo_wine todo_if(winetest_on_wine())

#define START_TEST(name) \
    static void winetest_body_##name(void); \
    int main(int argc, char **argv) \
    { \
        return winetest_run(#name, winetest_body_##name, argc, argv); \
    } \
    static void winetest_body_##name(void)

#ifndef WINETEST_SECONDARY
/* ---- the implementation, once per exe ---- */

#define WINETEST_MAX_CONTEXT 8
#define WINETEST_CONTEXT_LEN 128

/* What one thread is doing: where the current check is, its todo nesting
 * (one bit per todo_if level, the lowest bit is the innermost) and its
 * message context. Tests may call ok() from their own threads. */
struct winetest_thread
{
    const char *file;
    int line;
    unsigned int todo_level;
    int todo_do_loop;
    int context_count;
    char context[WINETEST_MAX_CONTEXT][WINETEST_CONTEXT_LEN];
};

const char *winetest_name = "unknown";
int winetest_debug = 1;
static int winetest_report_success;
static int winetest_argc;
static char **winetest_argv;
static int winetest_wine = -1;
static DWORD winetest_tls = TLS_OUT_OF_INDEXES;
static CRITICAL_SECTION winetest_output_cs;

static volatile LONG winetest_successes;      /* passing checks */
static volatile LONG winetest_failures;       /* failing checks outside todo */
static volatile LONG winetest_todo_expected;  /* failing checks inside todo */
static volatile LONG winetest_todo_failures;  /* passing checks inside todo */
static volatile LONG winetest_skipped;

static struct winetest_thread *winetest_thread_data(void)
{
    struct winetest_thread *data = TlsGetValue(winetest_tls);
    if (!data)
    {
        data = calloc(1, sizeof(*data));
        if (!data)
        {
            fputs("test.h: out of memory\n", stdout);
            ExitProcess(255);
        }
        data->file = "unknown";
        TlsSetValue(winetest_tls, data);
    }
    return data;
}

int winetest_on_wine(void)
{
    if (winetest_wine < 0)
    {
        HMODULE ntdll = GetModuleHandleA("ntdll.dll");
        winetest_wine = ntdll && GetProcAddress(ntdll, "wine_get_version") != NULL;
    }
    return winetest_wine;
}

void winetest_set_location(const char *file, int line)
{
    struct winetest_thread *data = winetest_thread_data();
    const char *slash = strrchr(file, '/'), *bslash = strrchr(file, '\\');
    if (bslash && (!slash || bslash > slash)) slash = bslash;
    data->file = slash ? slash + 1 : file;
    data->line = line;
}

/* One message: "<file>:<line>: <context>: <kind><message>", newline added
 * when the format lacks one, written under a lock so threads do not interleave. */
static void winetest_vprint(const char *kind, const char *fmt, va_list args)
{
    struct winetest_thread *data = winetest_thread_data();
    size_t len = strlen(fmt);
    int i, shown = data->context_count < WINETEST_MAX_CONTEXT ? data->context_count : WINETEST_MAX_CONTEXT;

    EnterCriticalSection(&winetest_output_cs);
    printf("%s:%d: ", data->file, data->line);
    for (i = 0; i < shown; i++) printf("%s: ", data->context[i]);
    fputs(kind, stdout);
    vprintf(fmt, args);
    if (!len || fmt[len - 1] != '\n') putchar('\n');
    fflush(stdout);
    LeaveCriticalSection(&winetest_output_cs);
}

void winetest_vok(int condition, const char *fmt, va_list args)
{
    struct winetest_thread *data = winetest_thread_data();

    if (data->todo_level & 1)
    {
        if (condition)
        {
            winetest_vprint("Test succeeded inside todo block: ", fmt, args);
            InterlockedIncrement(&winetest_todo_failures);
        }
        else
        {
            if (winetest_debug > 0) winetest_vprint("Test marked todo: ", fmt, args);
            InterlockedIncrement(&winetest_todo_expected);
        }
    }
    else if (!condition)
    {
        winetest_vprint("Test failed: ", fmt, args);
        InterlockedIncrement(&winetest_failures);
    }
    else
    {
        if (winetest_report_success || winetest_debug > 1)
            winetest_vprint("Test succeeded: ", fmt, args);
        InterlockedIncrement(&winetest_successes);
    }
}

void winetest_ok(int condition, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    winetest_vok(condition, fmt, args);
    va_end(args);
}

void winetest_skip(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    winetest_vprint("Tests skipped: ", fmt, args);
    va_end(args);
    InterlockedIncrement(&winetest_skipped);
}

void winetest_win_skip(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    if (winetest_on_wine())
        winetest_vok(0, fmt, args);   /* we must not lack what Windows has */
    else
    {
        winetest_vprint("Tests skipped: ", fmt, args);
        InterlockedIncrement(&winetest_skipped);
    }
    va_end(args);
}

void winetest_trace(const char *fmt, ...)
{
    va_list args;
    if (winetest_debug <= 0) return;
    va_start(args, fmt);
    winetest_vprint("", fmt, args);
    va_end(args);
}

void winetest_start_todo(int is_todo)
{
    struct winetest_thread *data = winetest_thread_data();
    data->todo_level = (data->todo_level << 1) | (is_todo != 0);
    data->todo_do_loop = 1;
}

int winetest_loop_todo(void)
{
    struct winetest_thread *data = winetest_thread_data();
    int do_loop = data->todo_do_loop;
    data->todo_do_loop = 0;
    return do_loop;
}

void winetest_end_todo(void)
{
    struct winetest_thread *data = winetest_thread_data();
    data->todo_level >>= 1;
}

void winetest_push_context(const char *fmt, ...)
{
    struct winetest_thread *data = winetest_thread_data();
    va_list args;
    if (data->context_count < WINETEST_MAX_CONTEXT)
    {
        va_start(args, fmt);
        vsnprintf(data->context[data->context_count], WINETEST_CONTEXT_LEN, fmt, args);
        va_end(args);
    }
    data->context_count++;
}

void winetest_pop_context(void)
{
    struct winetest_thread *data = winetest_thread_data();
    if (data->context_count > 0) data->context_count--;
}

int winetest_get_mainargs(char ***argv)
{
    *argv = winetest_argv;
    return winetest_argc;
}

DWORD winetest_wait_child_process(const char *file, int line, HANDLE process)
{
    DWORD wait = WaitForSingleObject(process, 30000), code = 255;

    winetest_set_location(file, line);
    winetest_ok(wait == WAIT_OBJECT_0, "child process did not end within 30 s (wait result %lu)\n", wait);
    if (wait != WAIT_OBJECT_0) return code;
    GetExitCodeProcess(process, &code);
    winetest_set_location(file, line);
    winetest_ok(code == 0, "child process exited with code %lu\n", code);
    return code;
}

/* Ring of buffers for the dbgstr helpers, so that several can be used in one
 * message. */
#define WINETEST_DBGSTR_BUFS 16
#define WINETEST_DBGSTR_LEN  512
static char winetest_dbgstr_ring[WINETEST_DBGSTR_BUFS][WINETEST_DBGSTR_LEN];
static volatile LONG winetest_dbgstr_next;

static char *winetest_dbgstr_buf(void)
{
    LONG i = InterlockedIncrement(&winetest_dbgstr_next);
    return winetest_dbgstr_ring[(unsigned long)i % WINETEST_DBGSTR_BUFS];
}

/* Quotes n characters of s (wide or narrow), escaping what is not printable
 * ASCII; "..." at the end when it does not fit. */
static const char *winetest_dbgstr_quote(const char *prefix, const void *s, int wide, int n)
{
    char *buf = winetest_dbgstr_buf(), *dst = buf;
    char *end = buf + WINETEST_DBGSTR_LEN - 12;   /* room for an escape, quote, dots */
    int i;

    dst += sprintf(dst, "%s\"", prefix);
    for (i = 0; i < n && dst < end; i++)
    {
        unsigned int c = wide ? ((const WCHAR *)s)[i] : ((const unsigned char *)s)[i];
        switch (c)
        {
        case '\n': *dst++ = '\\'; *dst++ = 'n'; break;
        case '\r': *dst++ = '\\'; *dst++ = 'r'; break;
        case '\t': *dst++ = '\\'; *dst++ = 't'; break;
        case '"':  *dst++ = '\\'; *dst++ = '"'; break;
        case '\\': *dst++ = '\\'; *dst++ = '\\'; break;
        default:
            if (c >= 0x20 && c < 0x7f) *dst++ = (char)c;
            else dst += sprintf(dst, wide ? "\\x%04x" : "\\x%02x", c);
        }
    }
    *dst++ = '"';
    if (i < n) { memcpy(dst, "...", 3); dst += 3; }
    *dst = 0;
    return buf;
}

const char *winetest_dbgstr_w(const WCHAR *s)
{
    char *buf;
    if (!s) return "(null)";
    if (!((ULONG_PTR)s >> 16))   /* a resource id, as in MAKEINTRESOURCEW */
    {
        buf = winetest_dbgstr_buf();
        sprintf(buf, "#%04x", (unsigned int)(ULONG_PTR)s);
        return buf;
    }
    return winetest_dbgstr_quote("L", s, 1, (int)wcslen(s));
}

const char *winetest_dbgstr_an(const char *s, int len)
{
    if (!s) return "(null)";
    return winetest_dbgstr_quote("", s, 0, len < 0 ? (int)strlen(s) : len);
}

const char *winetest_dbgstr_guid(const GUID *g)
{
    char *buf;
    if (!g) return "(null)";
    buf = winetest_dbgstr_buf();
    sprintf(buf, "{%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned long)g->Data1,
            g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3],
            g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
    return buf;
}

int winetest_run(const char *name, void (*body)(void), int argc, char **argv)
{
    const char *env;
    LONG failures;

    winetest_name = name;
    winetest_argc = argc;
    winetest_argv = argv;
    winetest_tls = TlsAlloc();
    InitializeCriticalSection(&winetest_output_cs);
    if ((env = getenv("WINETEST_DEBUG"))) winetest_debug = atoi(env);
    if ((env = getenv("WINETEST_REPORT_SUCCESS"))) winetest_report_success = atoi(env);
    /* No "abort, retry, ignore" dialogs: a crash must end the test. */
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    setvbuf(stdout, NULL, _IONBF, 0);

    body();

    failures = winetest_failures + winetest_todo_failures;
    printf("%04lx:%s: %ld tests executed (%ld marked as todo, %ld failures), %ld skipped.\n",
           (unsigned long)GetCurrentProcessId(), winetest_name,
           (long)(winetest_successes + winetest_failures + winetest_todo_expected + winetest_todo_failures),
           (long)winetest_todo_expected, (long)failures, (long)winetest_skipped);
    fflush(stdout);
    return failures > 255 ? 255 : (int)failures;
}

#endif /* WINETEST_SECONDARY */

#endif /* IMAPI_WINETEST_TEST_H */
