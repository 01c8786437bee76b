/* The drive thread of IDiscFormat2Data::Write (write_ahead.h). Two semaphores carry the
 * hand-over: `todo` counts queued tasks, `done` finished ones. Only the caller writes
 * `head` and only the thread writes `tail`; the semaphores order the task slots. */
#include "write_ahead.h"

static DWORD WINAPI drive_thread(void *arg)
{
    struct write_ahead *w = arg;

    for (;;)
    {
        WaitForSingleObject(w->todo, INFINITE);
        if (w->quit) break;
        w->queue[w->tail % MMC_WRITE_AHEAD_MAX].fn(w->queue[w->tail % MMC_WRITE_AHEAD_MAX].arg);
        w->tail++;
        ReleaseSemaphore(w->done, 1, NULL);
    }
    return 0;
}

static void ahead_start(void *ctx, void (*fn)(void *arg), void *arg)
{
    struct write_ahead *w = ctx;
    w->queue[w->head % MMC_WRITE_AHEAD_MAX].fn = fn;
    w->queue[w->head % MMC_WRITE_AHEAD_MAX].arg = arg;
    w->head++;
    ReleaseSemaphore(w->todo, 1, NULL);
}

static void ahead_wait(void *ctx)
{
    struct write_ahead *w = ctx;
    WaitForSingleObject(w->done, INFINITE);
}

HRESULT write_ahead_start(struct write_ahead *w, ULONG chunk)
{
    unsigned i, n = WRITE_AHEAD_BUFFERS;

    TRACE("%p %lu\n", w, chunk);
    memset(w, 0, sizeof(*w));
    /* the ring stays within WRITE_AHEAD_TOTAL, but double buffering at least */
    while (n > 2 && (ULONGLONG)chunk * n > WRITE_AHEAD_TOTAL) n--;
    if (!(w->memory = VirtualAlloc(NULL, (SIZE_T)chunk * n, MEM_COMMIT, PAGE_READWRITE))) return E_OUTOFMEMORY;
    for (i = 0; i < n; i++) w->ahead.buffers[i] = (BYTE *)w->memory + (SIZE_T)chunk * i;
    w->ahead.count = n;
    w->ahead.start = ahead_start;
    w->ahead.wait = ahead_wait;
    w->ahead.ctx = w;
    w->todo = CreateSemaphoreW(NULL, 0, MMC_WRITE_AHEAD_MAX + 1, NULL);
    w->done = CreateSemaphoreW(NULL, 0, MMC_WRITE_AHEAD_MAX + 1, NULL);
    if (w->todo && w->done) w->thread = CreateThread(NULL, 0, drive_thread, w, 0, NULL);
    if (!w->thread)
    {
        HRESULT hr = HRESULT_FROM_WIN32(GetLastError());
        if (w->todo) CloseHandle(w->todo);
        if (w->done) CloseHandle(w->done);
        VirtualFree(w->memory, 0, MEM_RELEASE);
        memset(w, 0, sizeof(*w));
        return FAILED(hr) ? hr : E_FAIL;
    }
    return S_OK;
}

void write_ahead_stop(struct write_ahead *w)
{
    TRACE("%p\n", w);
    if (!w->thread) return;
    InterlockedExchange(&w->quit, 1);
    ReleaseSemaphore(w->todo, 1, NULL);
    WaitForSingleObject(w->thread, INFINITE);
    CloseHandle(w->thread);
    CloseHandle(w->todo);
    CloseHandle(w->done);
    VirtualFree(w->memory, 0, MEM_RELEASE);
    memset(w, 0, sizeof(*w));
}
