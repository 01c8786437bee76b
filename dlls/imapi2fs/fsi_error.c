/* Error descriptions that name what failed: the HRESULT's message text (when our
 * message table has one) followed by a detail, e.g. the disk path an AddTree failure
 * concerns, or the feature CreateResultImage cannot write yet: C callers read it with GetErrorInfo, scripts see it as Err.Description
 * (ITypeInfo::Invoke moves the thread's error info into the EXCEPINFO of the
 * DISP_E_EXCEPTION it returns). */

#include "imapi2fs_private.h"

void fsi_set_error(HRESULT hr, const IID *iid, const WCHAR *detail)
{
    ICreateErrorInfo *create;
    IErrorInfo *info;
    WCHAR *text = NULL, *desc;
    size_t len;

    if (FAILED(CreateErrorInfo(&create))) return;
    FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
                   imapi_module, hr, 0, (WCHAR *)&text, 0, NULL);
    len = (text ? wcslen(text) : 0) + wcslen(detail) + 64;
    if ((desc = malloc(len * sizeof(WCHAR))))
    {
        size_t t = text ? wcslen(text) : 0;
        while (t && (text[t - 1] == '\r' || text[t - 1] == '\n')) text[--t] = 0;
        if (t) swprintf(desc, len, L"%ls %ls", text, detail);
        else swprintf(desc, len, L"%ls", detail);
        ICreateErrorInfo_SetDescription(create, desc);
        free(desc);
    }
    if (text) LocalFree(text);
    ICreateErrorInfo_SetSource(create, (WCHAR *)L"IMAPI2");
    ICreateErrorInfo_SetGUID(create, iid);
    if (SUCCEEDED(ICreateErrorInfo_QueryInterface(create, &IID_IErrorInfo, (void **)&info)))
    {
        SetErrorInfo(0, info);
        IErrorInfo_Release(info);
    }
    ICreateErrorInfo_Release(create);
}

void fsi_set_error_path(HRESULT hr, const IID *iid, const WCHAR *path)
{
    size_t len = wcslen(path) + 8;
    WCHAR *detail = malloc(len * sizeof(WCHAR));
    if (!detail) return;
    swprintf(detail, len, L"Path: %ls", path);
    fsi_set_error(hr, iid, detail);
    free(detail);
}
