from ...xp import tensor_face
from ..numpy import NumPyTensor, bind

bind()
tensor_face(NumPyTensor)
