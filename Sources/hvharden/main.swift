import Host
import CLibvirt
print("hi")
