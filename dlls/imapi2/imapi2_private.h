/* Private declarations of imapi2.dll. */
#ifndef IMAPI2_PRIVATE_H
#define IMAPI2_PRIVATE_H

#include "imapi_com.h"
#include "imapi2.h"
#include "imapi2error.h"

HRESULT discmaster_create(REFIID riid, void **ppv);
HRESULT recorder_create(REFIID riid, void **ppv);
HRESULT write_engine_create(REFIID riid, void **ppv);
HRESULT format_erase_create(REFIID riid, void **ppv);
HRESULT format_data_create(REFIID riid, void **ppv);
HRESULT format_tao_create(REFIID riid, void **ppv);
HRESULT format_raw_create(REFIID riid, void **ppv);
HRESULT stream_zero_create(REFIID riid, void **ppv);
HRESULT stream_prng_create(REFIID riid, void **ppv);
HRESULT stream_concat_create(REFIID riid, void **ppv);
HRESULT stream_interleave_create(REFIID riid, void **ppv);
HRESULT raw_image_create(REFIID riid, void **ppv);

#endif
