/* IDispatch for our dual interfaces, answered from the type library embedded in the
 * DLL itself (resource TYPELIB 1), so scripting works whether or not it is registered. */
#include "imapi_com.h"

static ITypeLib *typelib;

struct typeinfo_cache_entry
{
    const IID *iid;
    ITypeInfo *info;
};

static struct typeinfo_cache_entry cache[64];
static CRITICAL_SECTION cache_cs;
static CRITICAL_SECTION_DEBUG cache_cs_debug = { 0, 0, &cache_cs,
    { &cache_cs_debug.ProcessLocksList, &cache_cs_debug.ProcessLocksList }, 0, 0, 0 };
static CRITICAL_SECTION cache_cs = { &cache_cs_debug, -1, 0, 0, 0, 0 };

static HRESULT load_typelib(void)
{
    WCHAR path[MAX_PATH];
    ITypeLib *lib;
    HRESULT hr;

    if (typelib) return S_OK;
    if (!GetModuleFileNameW(imapi_module, path, ARRAY_SIZE(path))) return HRESULT_FROM_WIN32(GetLastError());
    hr = LoadTypeLibEx(path, REGKIND_NONE, &lib);
    if (FAILED(hr))
    {
        ERR("cannot load our type library: %08lx\n", (unsigned long)hr);
        return hr;
    }
    typelib = lib;
    return S_OK;
}

HRESULT imapi_get_typeinfo(REFIID iid, ITypeInfo **ti)
{
    HRESULT hr = S_OK;
    unsigned i;

    EnterCriticalSection(&cache_cs);
    for (i = 0; i < ARRAY_SIZE(cache) && cache[i].iid; i++)
        if (IsEqualIID(cache[i].iid, iid)) break;
    if (i < ARRAY_SIZE(cache) && cache[i].iid)
        *ti = cache[i].info;
    else if (SUCCEEDED(hr = load_typelib()))
    {
        hr = ITypeLib_GetTypeInfoOfGuid(typelib, iid, ti);
        if (SUCCEEDED(hr) && i < ARRAY_SIZE(cache))
        {
            cache[i].iid = iid;
            cache[i].info = *ti;
        }
        else if (FAILED(hr))
            ERR("no type info for %s: %08lx\n", debugstr_guid(iid), (unsigned long)hr);
    }
    if (SUCCEEDED(hr)) ITypeInfo_AddRef(*ti);
    LeaveCriticalSection(&cache_cs);
    return hr;
}

void imapi_typelib_release(void)
{
    unsigned i;
    for (i = 0; i < ARRAY_SIZE(cache) && cache[i].iid; i++)
    {
        ITypeInfo_Release(cache[i].info);
        cache[i].iid = NULL;
    }
    if (typelib) ITypeLib_Release(typelib);
    typelib = NULL;
}

HRESULT imapi_dispatch_count(UINT *count)
{
    if (!count) return E_INVALIDARG;
    *count = 1;
    return S_OK;
}

HRESULT imapi_dispatch_typeinfo(REFIID iid, UINT index, ITypeInfo **ti)
{
    if (!ti) return E_INVALIDARG;
    *ti = NULL;
    if (index) return DISP_E_BADINDEX;
    return imapi_get_typeinfo(iid, ti);
}

HRESULT imapi_dispatch_ids(REFIID iid, REFIID riid, LPOLESTR *names, UINT count, DISPID *ids)
{
    ITypeInfo *ti;
    HRESULT hr;

    if (!IsEqualIID(riid, &IID_NULL)) return DISP_E_UNKNOWNINTERFACE;
    if (!names || !count || !ids) return E_INVALIDARG;
    if (FAILED(hr = imapi_get_typeinfo(iid, &ti))) return hr;
    hr = ITypeInfo_GetIDsOfNames(ti, names, count, ids);
    ITypeInfo_Release(ti);
    if (TRACE_ON())
    {
        UINT i;
        for (i = 0; i < count; i++)
            TRACE("%s -> %ld\n", debugstr_w(names[i]), SUCCEEDED(hr) ? (long)ids[i] : (long)DISPID_UNKNOWN);
    }
    return hr;
}

/* A member that failed with one of our HRESULTs reaches scripts as DISP_E_EXCEPTION:
 * give the exception the text of our message table, as Err.Description. */
static void describe_exception(EXCEPINFO *excep)
{
    HMODULE modules[3] = { imapi_module, GetModuleHandleW(L"imapi2.dll"), GetModuleHandleW(L"imapi2fs.dll") };
    WCHAR *text = NULL;
    unsigned i;

    if (excep->bstrDescription || HRESULT_FACILITY(excep->scode) != 0xAA) return;
    for (i = 0; i < ARRAY_SIZE(modules) && !text; i++)
        if (modules[i])
            FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ALLOCATE_BUFFER
                           | FORMAT_MESSAGE_IGNORE_INSERTS, modules[i], excep->scode, 0, (WCHAR *)&text, 0, NULL);
    if (!text) return;
    /* Message texts end in CR LF; descriptions do not. */
    for (i = lstrlenW(text); i && (text[i - 1] == '\r' || text[i - 1] == '\n'); i--) text[i - 1] = 0;
    excep->bstrDescription = SysAllocString(text);
    if (!excep->bstrSource) excep->bstrSource = SysAllocString(L"IMAPI2");
    LocalFree(text);
}

HRESULT imapi_dispatch_invoke(REFIID iid, IDispatch *self, DISPID id, REFIID riid, WORD flags,
                              DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    ITypeInfo *ti;
    HRESULT hr;

    if (!IsEqualIID(riid, &IID_NULL)) return DISP_E_UNKNOWNINTERFACE;
    if (FAILED(hr = imapi_get_typeinfo(iid, &ti))) return hr;
    if (TRACE_ON())
    {
        BSTR name = NULL;
        ITypeInfo_GetDocumentation(ti, id, &name, NULL, NULL, NULL);
        TRACE("(%p) %s (DISPID %ld) flags %#x, %u args\n", self, debugstr_w(name), (long)id, flags,
              params ? params->cArgs : 0);
        SysFreeString(name);
    }
    /* A description left on this thread by an earlier call nobody asked about must not
     * be reported as the reason this member fails: members set their own. */
    SetErrorInfo(0, NULL);
    hr = ITypeInfo_Invoke(ti, self, id, flags, params, result, excep, arg_err);
    ITypeInfo_Release(ti);
    if (hr == DISP_E_EXCEPTION && excep) describe_exception(excep);
    return hr;
}
