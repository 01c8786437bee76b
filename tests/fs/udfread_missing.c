/* Stands in for udfread_list where libudfread is not installed: every UDF check that
 * needs the independent reader fails and says why. */
#include <stdio.h>

int main(void)
{
    fprintf(stderr, "udfread_list: built without libudfread (install libudfread-dev)\n");
    return 1;
}
