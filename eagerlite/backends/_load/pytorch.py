from ...xp import tensor_face
from ..pytorch import PyTorchTensor, bind

bind()
tensor_face(PyTorchTensor)
