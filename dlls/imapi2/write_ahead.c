/* The drive thread of IDiscFormat2Data::Write (write_ahead.h): a FIFO of at most
 * MMC_WRITE_AHEAD_MAX tasks under an SRW lock; the caller queues and waits, the thread
 * runs them in order. */
#include "write_ahead.h"

static DWORD WINAPI drive_thread(void *arg)
{
    struct write_ahead *w = arg;

    TRACE("%p\n", arg);
    AcquireSRWLockExclusive(&w->lock);
    for (;;)
    {
        unsigned slot;
        while (w->tail == w->head && !w->quit) SleepConditionVariableSRW(&w->queued, &w->lock, INFINITE, 0);
        if (w->tail == w->head) break;          /* quit, nothing left */
        slot = w->tail % MMC_WRITE_AHEAD_MAX;
        ReleaseSRWLockExclusive(&w->lock);
        w->queue[slot].fn(w->queue[slot].arg);
        AcquireSRWLockExclusive(&w->lock);
        w->tail++;
        WakeConditionVariable(&w->finished);
    }
    ReleaseSRWLockExclusive(&w->lock);
    return 0;
}

static void ahead_start(void *ctx, void (*fn)(void *arg), void *arg)
{
    struct write_ahead *w = ctx;
    AcquireSRWLockExclusive(&w->lock);
    w->queue[w->head % MMC_WRITE_AHEAD_MAX].fn = fn;
    w->queue[w->head % MMC_WRITE_AHEAD_MAX].arg = arg;
    w->head++;
    WakeConditionVariable(&w->queued);
    ReleaseSRWLockExclusive(&w->lock);
}

static void ahead_wait(void *ctx)
{
    struct write_ahead *w = ctx;
    AcquireSRWLockExclusive(&w->lock);
    while (w->tail == w->waited) SleepConditionVariableSRW(&w->finished, &w->lock, INFINITE, 0);
    w->waited++;
    ReleaseSRWLockExclusive(&w->lock);
}

HRESULT write_ahead_start(struct write_ahead *w, ULONG write)
{
    ULONG chunk = write < WRITE_AHEAD_READ ? WRITE_AHEAD_READ - WRITE_AHEAD_READ % write : write;
    unsigned i, n = WRITE_AHEAD_BUFFERS;

    TRACE("%p %lu\n", w, write);
    memset(w, 0, sizeof(*w));
    /* the ring stays within WRITE_AHEAD_TOTAL, but double buffering at least */
    while (n > 2 && (ULONGLONG)chunk * n > WRITE_AHEAD_TOTAL) n--;
    if (!(w->memory = VirtualAlloc(NULL, (SIZE_T)chunk * n, MEM_COMMIT, PAGE_READWRITE))) return E_OUTOFMEMORY;
    for (i = 0; i < n; i++) w->ahead.buffers[i] = (BYTE *)w->memory + (SIZE_T)chunk * i;
    w->ahead.count = n;
    w->ahead.buffer_size = chunk;
    w->ahead.start = ahead_start;
    w->ahead.wait = ahead_wait;
    w->ahead.ctx = w;
    InitializeSRWLock(&w->lock);
    InitializeConditionVariable(&w->queued);
    InitializeConditionVariable(&w->finished);
    if (!(w->thread = CreateThread(NULL, 0, drive_thread, w, 0, NULL)))
    {
        HRESULT hr = HRESULT_FROM_WIN32(GetLastError());
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
    AcquireSRWLockExclusive(&w->lock);
    w->quit = TRUE;
    WakeConditionVariable(&w->queued);
    ReleaseSRWLockExclusive(&w->lock);
    WaitForSingleObject(w->thread, INFINITE);
    CloseHandle(w->thread);
    VirtualFree(w->memory, 0, MEM_RELEASE);
    memset(w, 0, sizeof(*w));
}
