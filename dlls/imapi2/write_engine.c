/* MsftWriteEngine2: sends the sectors of a stream to a recorder with WRITE commands
 * (core/mmc/mmc_writer.c does the loop), reporting progress through
 * DWriteEngine2Events. Only the WRITE step: mode pages, OPC, closing tracks and
 * sessions are the caller's job, as documented. */

#include "imapi2_private.h"
#include "recorder_ex_transport.h"
#include "write_args.h"
#include "io/core_io.h"

struct write_engine
{
    struct imapi_object obj;
    IWriteEngine2 IWriteEngine2_iface;
    LONG starting_sectors_per_second;
    LONG ending_sectors_per_second;
    LONG bytes_per_sector;              /* 0 until set: the property has no default */
    IDiscRecorder2Ex *recorder;
    BOOL writing;                       /* inside WriteSection */
    BOOL started;                       /* the first WRITE has been sent */
    BOOL cancel;                        /* CancelWrite asked to stop */
};

IMAPI_IUNKNOWN_METHODS(write_engine, IWriteEngine2, struct write_engine, IWriteEngine2_iface)
IMAPI_IDISPATCH_METHODS(write_engine, IWriteEngine2, IID_IWriteEngine2)

static HRESULT format_flag_false(VARIANT_BOOL *value)
{
    if (!value) return E_POINTER;
    *value = VARIANT_FALSE;
    return S_OK;
}

/* -1 means "the drive's maximum"; other values must be real speeds [undoc choice:
 * 0 and values below -1 are rejected]. */
static HRESULT put_speed(LONG *slot, LONG value)
{
    if (value != -1 && value <= 0) return E_INVALIDARG;
    *slot = value;
    return S_OK;
}

static HRESULT get_long(LONG slot, LONG *value)
{
    if (!value) return E_POINTER;
    *value = slot;
    return S_OK;
}

/* Largest transfer we stage at once; the recorder may allow less. */
#define MAX_STAGING (1024 * 1024)
#define UPDATE_INTERVAL_MS 500

static uint64_t tick_now(void *ctx)
{
    return GetTickCount64();
}

static void tick_sleep(void *ctx, unsigned ms)
{
    Sleep(ms);
}

/* DWriteEngine2Events::Update(object, progress); a CancelWrite from the handler stops
 * the loop. */
static int on_progress(void *ctx, const mmc_write_progress *p)
{
    struct write_engine *engine = ctx;
    IDispatch *args;
    VARIANT v[2];

    if (p->last_written_lba >= p->start_lba) engine->started = TRUE;
    if (!imapi_cpc_sink_count(engine->obj.cpc, &IID_DWriteEngine2Events)) return engine->cancel;
    if (FAILED(write_args_create(p, &args))) return engine->cancel;
    V_VT(&v[0]) = VT_DISPATCH;
    V_DISPATCH(&v[0]) = (IDispatch *)&engine->IWriteEngine2_iface;
    V_VT(&v[1]) = VT_DISPATCH;
    V_DISPATCH(&v[1]) = args;
    imapi_cpc_fire(engine->obj.cpc, &IID_DWriteEngine2Events, DISPID_DWRITEENGINE2EVENTS_UPDATE, v, 2);
    IDispatch_Release(args);
    return engine->cancel;
}

static HRESULT WINAPI write_engine_WriteSection(IWriteEngine2 *iface, IStream *data, LONG startingBlockAddress, LONG numberOfBlocks)
{
    struct write_engine *engine = write_engine_impl(iface);
    struct recorder_ex_transport transport;
    core_stream *source;
    ULONG max_transfer = 0;
    mmc_write_job job;
    HRESULT hr;

    TRACE("(%p)->(%p %ld %ld)\n", iface, data, startingBlockAddress, numberOfBlocks);
    if (!data) return E_POINTER;
    if (numberOfBlocks <= 0) return E_INVALIDARG;
    /* [undoc] which error a missing recorder or sector size gives: the recorder-required
     * code exists for exactly this; the sector size is an argument of the write. */
    if (!engine->recorder) return E_IMAPI_RECORDER_REQUIRED;
    if (!engine->bytes_per_sector) return E_INVALIDARG;
    if (engine->writing) return E_FAIL;   /* WriteSection from inside its own event */

    if (FAILED(IDiscRecorder2Ex_GetMaximumPageAlignedTransferSize(engine->recorder, &max_transfer))
        || !max_transfer)
        max_transfer = 64 * 1024;
    if (max_transfer > MAX_STAGING) max_transfer = MAX_STAGING;
    /* BytesPerSector is bounded by what one command may carry. */
    if ((ULONG)engine->bytes_per_sector > max_transfer) return E_INVALIDARG;

    memset(&job, 0, sizeof(job));
    job.buffer_size = max_transfer - max_transfer % engine->bytes_per_sector;
    /* Page-aligned staging satisfies any byte alignment mask a recorder reports. */
    if (!(job.buffer = VirtualAlloc(NULL, job.buffer_size, MEM_COMMIT, PAGE_READWRITE))) return E_OUTOFMEMORY;
    IStream_AddRef(data);
    if (FAILED(hr = imapi_core_stream_from_istream(data, NULL, &source)))
    {
        IStream_Release(data);
        VirtualFree(job.buffer, 0, MEM_RELEASE);
        return hr;
    }
    recorder_ex_transport_init(&transport, engine->recorder);
    job.transport = &transport.base;
    job.source = source;
    job.start_lba = startingBlockAddress;
    job.blocks = (uint32_t)numberOfBlocks;
    job.block_size = (uint32_t)engine->bytes_per_sector;
    job.progress = on_progress;
    job.ctx = engine;
    job.interval_ms = UPDATE_INTERVAL_MS;
    job.now_ms = tick_now;
    job.sleep_ms = tick_sleep;

    IWriteEngine2_AddRef(iface);
    engine->writing = TRUE;
    engine->started = FALSE;
    engine->cancel = FALSE;
    hr = mmc_write_blocks(&job);
    engine->writing = FALSE;
    /* A recorder that failed outright keeps its own HRESULT. */
    if (FAILED(hr) && FAILED(transport.last_failure) && hr != E_IMAPI_REQUEST_CANCELLED) hr = transport.last_failure;

    source->ops->close(source);
    VirtualFree(job.buffer, 0, MEM_RELEASE);
    TRACE("returning %08lx\n", (unsigned long)hr);
    IWriteEngine2_Release(iface);
    return hr;
}

static HRESULT WINAPI write_engine_CancelWrite(IWriteEngine2 *iface)
{
    struct write_engine *engine = write_engine_impl(iface);

    TRACE("(%p)\n", iface);
    /* Documented: the success code S_IMAPI_WRITE_NOT_IN_PROGRESS means the write has not
     * begun yet and the caller should try again; we also give it when no write runs. */
    if (!engine->writing || !engine->started) return S_IMAPI_WRITE_NOT_IN_PROGRESS;
    engine->cancel = TRUE;
    return S_OK;
}

static HRESULT WINAPI write_engine_put_Recorder(IWriteEngine2 *iface, IDiscRecorder2Ex *value)
{
    struct write_engine *engine = write_engine_impl(iface);

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    if (engine->writing) return E_FAIL;
    IDiscRecorder2Ex_AddRef(value);
    if (engine->recorder) IDiscRecorder2Ex_Release(engine->recorder);
    engine->recorder = value;
    return S_OK;
}

static HRESULT WINAPI write_engine_get_Recorder(IWriteEngine2 *iface, IDiscRecorder2Ex **value)
{
    struct write_engine *engine = write_engine_impl(iface);

    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    /* [undoc] before put_Recorder: no recorder, reported as NULL. */
    *value = engine->recorder;
    if (*value) IDiscRecorder2Ex_AddRef(*value);
    return S_OK;
}

static HRESULT WINAPI write_engine_put_UseStreamingWrite12(IWriteEngine2 *iface, VARIANT_BOOL value)
{
    TRACE("(%p)->(%d)\n", iface, value);
    /* Documented: WRITE(12) with the streaming bit is not supported, TRUE fails with
     * E_NOTIMPL (this is the specified answer, not a missing implementation). */
    return value ? E_NOTIMPL : S_OK;
}

static HRESULT WINAPI write_engine_get_UseStreamingWrite12(IWriteEngine2 *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return format_flag_false(value);
}

static HRESULT WINAPI write_engine_put_StartingSectorsPerSecond(IWriteEngine2 *iface, LONG value)
{
    TRACE("(%p)->(%ld)\n", iface, value);
    return put_speed(&write_engine_impl(iface)->starting_sectors_per_second, value);
}

static HRESULT WINAPI write_engine_get_StartingSectorsPerSecond(IWriteEngine2 *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long(write_engine_impl(iface)->starting_sectors_per_second, value);
}

static HRESULT WINAPI write_engine_put_EndingSectorsPerSecond(IWriteEngine2 *iface, LONG value)
{
    TRACE("(%p)->(%ld)\n", iface, value);
    return put_speed(&write_engine_impl(iface)->ending_sectors_per_second, value);
}

static HRESULT WINAPI write_engine_get_EndingSectorsPerSecond(IWriteEngine2 *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long(write_engine_impl(iface)->ending_sectors_per_second, value);
}

static HRESULT WINAPI write_engine_put_BytesPerSector(IWriteEngine2 *iface, LONG value)
{
    TRACE("(%p)->(%ld)\n", iface, value);
    /* 1..MAXLONG; whether it fits the recorder's transfer size is checked by WriteSection. */
    if (value <= 0) return E_INVALIDARG;
    write_engine_impl(iface)->bytes_per_sector = value;
    return S_OK;
}

static HRESULT WINAPI write_engine_get_BytesPerSector(IWriteEngine2 *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long(write_engine_impl(iface)->bytes_per_sector, value);
}

static HRESULT WINAPI write_engine_get_WriteInProgress(IWriteEngine2 *iface, VARIANT_BOOL *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = write_engine_impl(iface)->writing ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static const IWriteEngine2Vtbl write_engine_vtbl =
{
    write_engine_QueryInterface, write_engine_AddRef, write_engine_Release, write_engine_GetTypeInfoCount,
    write_engine_GetTypeInfo, write_engine_GetIDsOfNames, write_engine_Invoke, write_engine_WriteSection,
    write_engine_CancelWrite, write_engine_put_Recorder, write_engine_get_Recorder,
    write_engine_put_UseStreamingWrite12, write_engine_get_UseStreamingWrite12,
    write_engine_put_StartingSectorsPerSecond, write_engine_get_StartingSectorsPerSecond,
    write_engine_put_EndingSectorsPerSecond, write_engine_get_EndingSectorsPerSecond,
    write_engine_put_BytesPerSector, write_engine_get_BytesPerSector, write_engine_get_WriteInProgress
};

static const struct imapi_iface_entry write_engine_ifaces[] =
{
    IMAPI_IFACE(IID_IWriteEngine2, struct write_engine, IWriteEngine2_iface),
    { NULL }
};

static void write_engine_destroy(struct imapi_object *obj)
{
    struct write_engine *engine = CONTAINING_RECORD(obj, struct write_engine, obj);
    if (engine->recorder) IDiscRecorder2Ex_Release(engine->recorder);
    free(engine);
}

HRESULT write_engine_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DWriteEngine2Events };
    struct write_engine *engine;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(engine = calloc(1, sizeof(*engine)))) return E_OUTOFMEMORY;
    engine->IWriteEngine2_iface.lpVtbl = &write_engine_vtbl;
    engine->starting_sectors_per_second = -1;
    engine->ending_sectors_per_second = -1;
    imapi_object_init(&engine->obj, write_engine_ifaces, TRUE, write_engine_destroy);
    return imapi_object_create_done(&engine->obj, sources, ARRAY_SIZE(sources), riid, ppv);
}
