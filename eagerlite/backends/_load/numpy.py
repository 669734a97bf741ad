from ..numpy import bind

bind()
