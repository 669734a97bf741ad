from ..pytorch import bind

bind()
