/* IDiscFormat2TrackAtOnceEventArgs: a snapshot of an AddAudioTrack's progress, given to
 * DDiscFormat2TrackAtOnceEvents::Update; the IWriteEngine2EventArgs part reports the
 * addresses and buffer of the track being written. */
#include "format_objects.h"
#include "mmc/mmc_burn_tao.h"

struct format_tao_args
{
    struct imapi_object obj;
    IDiscFormat2TrackAtOnceEventArgs IDiscFormat2TrackAtOnceEventArgs_iface;
    mmc_tao_progress p;
};

IMAPI_IUNKNOWN_METHODS(format_tao_args, IDiscFormat2TrackAtOnceEventArgs, struct format_tao_args,
                       IDiscFormat2TrackAtOnceEventArgs_iface)
IMAPI_IDISPATCH_METHODS(format_tao_args, IDiscFormat2TrackAtOnceEventArgs, IID_IDiscFormat2TrackAtOnceEventArgs)

static HRESULT get_long(LONG v, LONG *out)
{
    if (!out) return E_POINTER;
    *out = v;
    return S_OK;
}

#define ARGS_LONG(name, expr) \
    static HRESULT WINAPI format_tao_args_get_##name(IDiscFormat2TrackAtOnceEventArgs *iface, LONG *value) \
    { const mmc_tao_progress *p = &format_tao_args_impl(iface)->p; \
      TRACE("%p %p\n", iface, value); \
      return get_long((LONG)(expr), value); }

ARGS_LONG(StartLba, p->p.start_lba)
ARGS_LONG(SectorCount, p->p.sector_count)
ARGS_LONG(LastReadLba, p->p.last_read_lba)
ARGS_LONG(LastWrittenLba, p->p.last_written_lba)
ARGS_LONG(TotalSystemBuffer, p->p.buffer_total)
ARGS_LONG(UsedSystemBuffer, p->p.buffer_used)
ARGS_LONG(FreeSystemBuffer, p->p.buffer_total - p->p.buffer_used)
ARGS_LONG(CurrentTrackNumber, p->track)
ARGS_LONG(ElapsedTime, p->p.elapsed_s)
ARGS_LONG(RemainingTime, p->p.remaining_s)

static HRESULT WINAPI format_tao_args_get_CurrentAction(IDiscFormat2TrackAtOnceEventArgs *iface,
                                                        IMAPI_FORMAT2_TAO_WRITE_ACTION *value)
{
    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = (IMAPI_FORMAT2_TAO_WRITE_ACTION)format_tao_args_impl(iface)->p.action;
    return S_OK;
}

static const IDiscFormat2TrackAtOnceEventArgsVtbl format_tao_args_vtbl =
{
    format_tao_args_QueryInterface, format_tao_args_AddRef, format_tao_args_Release,
    format_tao_args_GetTypeInfoCount, format_tao_args_GetTypeInfo, format_tao_args_GetIDsOfNames,
    format_tao_args_Invoke, format_tao_args_get_StartLba, format_tao_args_get_SectorCount,
    format_tao_args_get_LastReadLba, format_tao_args_get_LastWrittenLba, format_tao_args_get_TotalSystemBuffer,
    format_tao_args_get_UsedSystemBuffer, format_tao_args_get_FreeSystemBuffer,
    format_tao_args_get_CurrentTrackNumber, format_tao_args_get_CurrentAction, format_tao_args_get_ElapsedTime,
    format_tao_args_get_RemainingTime
};

static const struct imapi_iface_entry format_tao_args_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2TrackAtOnceEventArgs, struct format_tao_args, IDiscFormat2TrackAtOnceEventArgs_iface),
    IMAPI_IFACE(IID_IWriteEngine2EventArgs, struct format_tao_args, IDiscFormat2TrackAtOnceEventArgs_iface),
    { NULL }
};

static void format_tao_args_destroy(struct imapi_object *obj)
{
    free(CONTAINING_RECORD(obj, struct format_tao_args, obj));
}

C_ASSERT((int)MMC_TAO_VERIFYING == (int)IMAPI_FORMAT2_TAO_WRITE_ACTION_VERIFYING
         && (int)MMC_TAO_FINISHING == (int)IMAPI_FORMAT2_TAO_WRITE_ACTION_FINISHING);

HRESULT format_tao_args_create(const mmc_tao_progress *p, IDispatch **out)
{
    struct format_tao_args *args = calloc(1, sizeof(*args));

    if (!args) return E_OUTOFMEMORY;
    args->IDiscFormat2TrackAtOnceEventArgs_iface.lpVtbl = &format_tao_args_vtbl;
    args->p = *p;
    imapi_object_init(&args->obj, format_tao_args_ifaces, TRUE, format_tao_args_destroy);
    *out = (IDispatch *)&args->IDiscFormat2TrackAtOnceEventArgs_iface;
    return S_OK;
}
