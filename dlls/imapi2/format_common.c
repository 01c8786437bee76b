/* Shared format-object state: client name and flags. */
#include "format_common.h"
#include "mmc/exclusive_name.h"

HRESULT format_put_client_name(BSTR *slot, BSTR value, HRESULT invalid)
{
    BSTR copy;

    TRACE("%s\n", debugstr_w(value));
    if (!value || !exclusive_name_valid((const uint16_t *)value, SysStringLen(value))) return invalid;
    if (!(copy = SysAllocStringLen(value, SysStringLen(value)))) return E_OUTOFMEMORY;
    SysFreeString(*slot);
    *slot = copy;
    return S_OK;
}

HRESULT format_get_client_name(BSTR slot, BSTR *out)
{
    if (!out) return E_POINTER;
    *out = slot ? SysAllocStringLen(slot, SysStringLen(slot)) : SysAllocString(L"");
    return *out ? S_OK : E_OUTOFMEMORY;
}

HRESULT format_get_flag(BOOL flag, VARIANT_BOOL *out)
{
    if (!out) return E_POINTER;
    *out = flag ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}
