/* Version of the portable core; also keeps imapi_core non-empty while parts grow. */
#include "core_version.h"

const char *imapi_core_version(void)
{
    return IMAPI_CORE_VERSION;
}
