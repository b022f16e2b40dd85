#ifndef HVHARDEN_CLIBVIRT_SHIM_H
#define HVHARDEN_CLIBVIRT_SHIM_H
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#endif
