/* imapi2-burn: the live progress line and Ctrl-C.
 *
 * A real IDispatch sink for DDiscFormat2DataEvents, connected through
 * IConnectionPointContainer / IConnectionPoint::Advise as a Windows program does:
 * IDiscFormat2Data::Write calls Update(object, IDiscFormat2DataEventArgs) on every
 * action change and about twice a second while writing. Each Update redraws one line
 * (with \r): action, percent, a bar, MB/s and time left; progress_finish ends it.
 *
 * Ctrl-C: the console handler only sets a flag (it runs on another thread, and
 * CancelWrite is only valid from inside the Update handler); the next Update calls
 * IDiscFormat2Data::CancelWrite, and Write returns E_IMAPI_REQUEST_CANCELLED. */
#include "burn.h"

static volatile LONG cancel_requested;
static BOOL line_open;          /* a progress line without its newline is on screen */
static BOOL cancel_sent;
static ULONGLONG rate_t0;       /* first WRITING event: time and sectors, for MB/s */
static LONG rate_lba0 = -1;

static BOOL WINAPI ctrl_handler(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT) return FALSE;
    InterlockedExchange(&cancel_requested, 1);
    return TRUE;   /* keep running: the burn is stopped cleanly from the next Update */
}

void progress_install_ctrl_c(void)
{
    SetConsoleCtrlHandler(ctrl_handler, TRUE);
}

BOOL progress_cancel_requested(void)
{
    return cancel_requested != 0;
}

void progress_finish(void)
{
    if (line_open) printf("\n");
    line_open = FALSE;
    fflush(stdout);
}

void progress_line(const char *what, LONG percent, const char *right1, const char *right2)
{
    char bar[21];
    unsigned i;

    for (i = 0; i < 20; i++) bar[i] = percent >= 0 && (LONG)i * 5 < percent ? '#' : '.';
    bar[20] = 0;
    if (percent >= 0)
        printf("\r%-17s %3ld%% [%s] %-10s %-12s", what, percent, bar, right1, right2);
    else
        printf("\r%-17s      %-22s %-10s %-12s", what, "", "", "");
    line_open = TRUE;
    fflush(stdout);
}

static void draw(IDiscFormat2DataEventArgs *args)
{
    IMAPI_FORMAT2_DATA_WRITE_ACTION action = 0;
    LONG start = 0, count = 0, written = 0, read = 0, remaining = 0, done = -1, percent = -1;
    char rate[24] = "", left[24] = "";

    IDiscFormat2DataEventArgs_get_CurrentAction(args, &action);
    IDiscFormat2DataEventArgs_get_StartLba(args, &start);
    IDiscFormat2DataEventArgs_get_SectorCount(args, &count);
    IDiscFormat2DataEventArgs_get_LastWrittenLba(args, &written);
    IDiscFormat2DataEventArgs_get_LastReadLba(args, &read);
    IDiscFormat2DataEventArgs_get_RemainingTime(args, &remaining);

    if (action == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA) done = written - start + 1;
    else if (action == IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING) done = read - start + 1;
    else if (action == IMAPI_FORMAT2_DATA_WRITE_ACTION_FINALIZATION
             || action == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED) done = count;
    if (done >= 0 && count > 0) percent = (LONG)((LONGLONG)min(done, count) * 100 / count);

    if (action == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA)
    {
        ULONGLONG now = GetTickCount64();
        if (rate_lba0 < 0) { rate_lba0 = written; rate_t0 = now; }
        else if (now > rate_t0 && written > rate_lba0)
            snprintf(rate, sizeof(rate), "%5.1f MB/s", (written - rate_lba0) * 2048.0 / 1e6 / ((now - rate_t0) / 1000.0));
        if (remaining > 0) snprintf(left, sizeof(left), "%ld:%02ld left", remaining / 60, remaining % 60);
    }

    progress_line(action_name(action), percent, rate, left);
}

/* ---- the sink ---- */

static HRESULT WINAPI sink_QueryInterface(IDispatch *iface, REFIID riid, void **ppv)
{
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IDispatch)
        || IsEqualIID(riid, &IID_DDiscFormat2DataEvents))
    {
        *ppv = iface;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI sink_AddRef(IDispatch *iface) { return 2; }     /* static object */
static ULONG WINAPI sink_Release(IDispatch *iface) { return 1; }
static HRESULT WINAPI sink_GetTypeInfoCount(IDispatch *iface, UINT *n) { *n = 0; return S_OK; }
static HRESULT WINAPI sink_GetTypeInfo(IDispatch *iface, UINT i, LCID l, ITypeInfo **t) { return E_NOTIMPL; }
static HRESULT WINAPI sink_GetIDsOfNames(IDispatch *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d)
{ return DISP_E_UNKNOWNNAME; }

/* Update(object, progress): the arguments arrive in reverse, rgvarg[1] is the format. */
static HRESULT WINAPI sink_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *ei, UINT *err)
{
    IDiscFormat2DataEventArgs *args;
    IDiscFormat2Data *format;

    if (id != DISPID_DDISCFORMAT2DATAEVENTS_UPDATE) return DISP_E_MEMBERNOTFOUND;
    if (!params || params->cArgs != 2) return DISP_E_BADPARAMCOUNT;
    if (cancel_requested && !cancel_sent && (V_VT(&params->rgvarg[1]) == VT_DISPATCH)
        && SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[1]), &IID_IDiscFormat2Data, (void **)&format)))
    {
        HRESULT hr = IDiscFormat2Data_CancelWrite(format);
        IDiscFormat2Data_Release(format);
        cancel_sent = TRUE;
        progress_finish();
        if (SUCCEEDED(hr)) printf("Ctrl-C: cancelling the burn (CancelWrite)...\n");
        else report_failure("CancelWrite", hr);
        fflush(stdout);
    }
    if (quiet || cancel_sent || V_VT(&params->rgvarg[0]) != VT_DISPATCH || !V_DISPATCH(&params->rgvarg[0]))
        return S_OK;
    if (SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&params->rgvarg[0]), &IID_IDiscFormat2DataEventArgs,
                                           (void **)&args)))
    {
        draw(args);
        IDiscFormat2DataEventArgs_Release(args);
    }
    return S_OK;
}

static const IDispatchVtbl sink_vtbl =
{
    sink_QueryInterface, sink_AddRef, sink_Release, sink_GetTypeInfoCount, sink_GetTypeInfo,
    sink_GetIDsOfNames, sink_Invoke
};
static IDispatch progress_sink = { &sink_vtbl };

HRESULT progress_advise(IDiscFormat2Data *format, IConnectionPoint **cp, DWORD *cookie)
{
    IConnectionPointContainer *cpc;
    HRESULT hr;

    *cp = NULL;
    *cookie = 0;
    if (FAILED(hr = IDiscFormat2Data_QueryInterface(format, &IID_IConnectionPointContainer, (void **)&cpc)))
        return hr;
    if (SUCCEEDED(hr = IConnectionPointContainer_FindConnectionPoint(cpc, &IID_DDiscFormat2DataEvents, cp)))
    {
        if (FAILED(hr = IConnectionPoint_Advise(*cp, (IUnknown *)&progress_sink, cookie)))
        {
            IConnectionPoint_Release(*cp);
            *cp = NULL;
        }
    }
    IConnectionPointContainer_Release(cpc);
    return hr;
}

void progress_unadvise(IConnectionPoint *cp, DWORD cookie)
{
    if (!cp) return;
    IConnectionPoint_Unadvise(cp, cookie);
    IConnectionPoint_Release(cp);
}
